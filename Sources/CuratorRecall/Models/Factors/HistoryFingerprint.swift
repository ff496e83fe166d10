import CuratorCore

/// An order-insensitive fingerprint of a set of items, used to tell whether a context's
/// history is the one a user was fitted on (then the fitted vector is used) or another one
/// (then the user is folded in).
public enum HistoryFingerprint {
    /// The fingerprint of `items` (duplicates count once per occurrence; order ignored).
    public static func of<Items: Sequence>(_ items: Items) -> UInt64 where Items.Element == Int32 {
        var sum: UInt64 = 0, count: UInt64 = 0
        for item in items {
            sum &+= mix(UInt64(UInt32(bitPattern: item)))
            count &+= 1
        }
        return mix(sum ^ (count &* 0x9E37_79B9_7F4A_7C15))
    }

    /// Fingerprints of every row of a CSR matrix.
    static func ofRows(_ matrix: CSRMatrix) -> [UInt64] {
        (0..<matrix.rowCount).map { of(matrix.columns(ofRow: $0)) }
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
