/// A runtime failure the user can act on, printed as one line (`Error: …`) with no usage
/// text (which `ValidationError` would add: that is for malformed arguments only).
struct UserError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
