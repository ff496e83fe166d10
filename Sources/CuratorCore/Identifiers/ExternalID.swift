/// The rules every external id (a user or item id as a data file spells it) follows, checked
/// where ids enter: readers, imports and onboarding.
///
/// An id is 1 to `maxLength` bytes of UTF-8 and holds no control character: a NUL byte or an
/// escape sequence in an id would reach file names, prompts and terminals, and a 50 MB id
/// is a mistake, not an id.
public enum ExternalID {
    /// The longest id accepted, in bytes of UTF-8.
    public static let maxLength = 256

    /// Why `bytes` cannot be an id, or `nil` when it can.
    static func problem(_ bytes: UnsafeBufferPointer<UInt8>) -> DataError.Kind? {
        if bytes.isEmpty { return .invalid("is empty") }
        if bytes.count > maxLength { return .invalid("is longer than \(maxLength) bytes (\(bytes.count))") }
        var previous: UInt8 = 0
        for b in bytes {
            // C0 controls and DEL; C1 controls (U+0080–U+009F) are 0xC2 0x80…0x9F in UTF-8.
            if b < 0x20 || b == 0x7F || (previous == 0xC2 && (0x80...0x9F).contains(b)) {
                let code = String(b, radix: 16, uppercase: true)
                return .invalid("contains a control character (U+\(String(repeating: "0", count: 4 - code.count) + code))")
            }
            previous = b
        }
        guard String(validating: bytes, as: UTF8.self) != nil else { return .undecodable(encoding: "UTF-8") }
        return nil
    }

    /// Checks `id` against the rules.
    /// - Throws: `DataError.Kind` saying what is wrong with it.
    public static func validate(_ id: String) throws(DataError.Kind) {
        var id = id
        if let problem = id.withUTF8({ problem($0) }) { throw problem }
    }
}
