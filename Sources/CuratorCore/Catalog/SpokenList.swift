extension Sequence where Element == String {
    /// The items as a sentence lists them: "a", "a and b", "a, b and c" ("" for none). One home
    /// for the reasons, the chat's notes and the simulated users' sentences.
    public var spokenList: String {
        let all = Array(self)
        guard all.count > 1 else { return all.first ?? "" }
        return all.dropLast().joined(separator: ", ") + " and " + all.last!
    }
}
