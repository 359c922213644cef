package dev.parley.themis.internal.cell;

/**
 * The Soter symmetric algorithm descriptor stored in Secure Cell tokens (LE32):
 *
 * <pre>
 *  bits 28-31  algorithm   4 = AES-GCM (2 = AES-CTR, never stored)
 *  bits 24-27  KDF         0 = Soter KDF, 1 = PBKDF2
 *  bits 20-23  reserved    0
 *  bits 16-19  padding     1 for every GCM id
 *  bits 12-15  reserved    0
 *  bits  0-11  key bits    0x080, 0x0C0, 0x100
 * </pre>
 */
final class AlgorithmId {
    static final long AES256_GCM_KEY = 0x40010100L;
    static final long AES256_GCM_PASSPHRASE = 0x41010100L;

    static final int KDF_NONE = 0;
    static final int KDF_PBKDF2 = 1;
    private static final long RESERVED_MASK = 0x00F0F000L;
    private static final int ALGORITHM_GCM = 4;
    private static final int PADDING_GCM = 1;

    private AlgorithmId() {}

    /**
     * The AES key length in bytes for a valid GCM id with the expected KDF, or -1 if the id is not
     * one Themis would decrypt with that KDF.
     */
    static int gcmKeyLength(long id, int expectedKdf) {
        if ((id & RESERVED_MASK) != 0) {
            return -1;
        }
        int algorithm = (int) ((id >>> 28) & 0xF);
        int kdf = (int) ((id >>> 24) & 0xF);
        int padding = (int) ((id >>> 16) & 0xF);
        int keyBits = (int) (id & 0xFFF);
        if (algorithm != ALGORITHM_GCM || padding != PADDING_GCM || kdf != expectedKdf) {
            return -1;
        }
        switch (keyBits) {
            case 128:
            case 192:
            case 256:
                return keyBits / 8;
            default:
                return -1;
        }
    }
}
