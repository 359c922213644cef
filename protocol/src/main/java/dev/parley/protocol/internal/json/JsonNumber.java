package dev.parley.protocol.internal.json;

/**
 * A JSON number as it appeared on the wire (already checked against the JSON grammar). Kept as text
 * so that fractions, exponents and huge values are rejected only where an integer is expected, and
 * ignored in unknown fields.
 */
public record JsonNumber(String lexeme) {
    /** True if the lexeme has no fraction and no exponent. */
    public boolean isInteger() {
        return lexeme.indexOf('.') < 0 && lexeme.indexOf('e') < 0 && lexeme.indexOf('E') < 0;
    }
}
