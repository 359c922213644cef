package dev.parley.server;

/** How the server decides which public key may use a name. */
public enum IdentityPolicy {
    /** Trust on first use: the first key a name registers with is the only one accepted later. */
    TOFU,
    /** The tutorial's behaviour: any key, but never a name held live by another key. */
    OPEN,
    /** Only the name/key pairs listed in the authorized-keys file. */
    CLOSED
}
