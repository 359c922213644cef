package dev.parley.themis.internal.cell;

import dev.parley.themis.SecureCell;
import dev.parley.themis.internal.kdf.SoterKdf;
import dev.parley.themis.internal.sym.AesCtr;

/**
 * Context Imprint: {@code DK = KDF(K, label, LE32(|m|))} (no context here), {@code IV = KDF(DK,
 * "Themis secure cell message iv", ctx, 16)}, output = AES-256-CTR(DK, IV, m). Deterministic by
 * design: the IV is derived, never chosen by the caller.
 */
public final class ContextImprintWithKey implements SecureCell.ContextImprint {
    private static final String IV_LABEL = "Themis secure cell message iv";
    private final byte[] key;

    public ContextImprintWithKey(byte[] key) {
        this.key = key.clone();
    }

    @Override
    public byte[] encrypt(byte[] data, byte[] context) {
        return apply(data, context);
    }

    @Override
    public byte[] decrypt(byte[] data, byte[] context) {
        return apply(data, context);
    }

    private byte[] apply(byte[] data, byte[] context) {
        CellCrypto.requireData(data);
        if (context == null || context.length == 0) {
            throw new IllegalArgumentException("Context Imprint requires a non-empty context");
        }
        byte[] dk = CellCrypto.derivedKey(key, data.length, new byte[0], 32);
        byte[] iv = SoterKdf.derive(dk, IV_LABEL, AesCtr.IV_LENGTH, context);
        return AesCtr.apply(dk, iv, data);
    }

    @Override
    public String toString() {
        return "SecureCell.ContextImprint[key]";
    }
}
