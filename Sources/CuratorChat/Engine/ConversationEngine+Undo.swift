extension ConversationEngine {
    /// Takes back the last turn that changed the likes, dislikes or constraints ("undo", "scrap
    /// that", "forget what I just said"), and says what it put back. The last list stays; the
    /// turn stays in the history, as said.
    /// - Returns: what was undone, or that there is nothing to undo.
    public func undo(_ session: inout ChatSession) -> String {
        guard let undo = session.undo else {
            return "Nothing to undo: only the last change to your likes or constraints can be taken back, once. (/reset starts over.)"
        }
        let now = session.held, then = undo.held
        session.restore(then)
        session.undo = nil
        let titles = { (ids: [String]) in ids.map { title(of: $0) }.spokenList }
        var changes: [String] = []
        // What the turn added goes; what it took away (a film liked before, now turned away) comes back.
        let gone = { (list: KeyPath<ChatSession.Held, [String]>) in now[keyPath: list].filter { !then[keyPath: list].contains($0) } }
        let back = { (list: KeyPath<ChatSession.Held, [String]>) in then[keyPath: list].filter { !now[keyPath: list].contains($0) } }
        if !gone(\.liked).isEmpty { changes.append("no longer liked: \(titles(gone(\.liked)))") }
        let steered = gone(\.steering).filter { !now.liked.contains($0) }
        if !steered.isEmpty { changes.append("no longer going by \(titles(steered))") }
        if !gone(\.disliked).isEmpty { changes.append("no longer turned away: \(titles(gone(\.disliked)))") }
        if !gone(\.seen).isEmpty { changes.append("no longer marked seen: \(titles(gone(\.seen)))") }
        if !gone(\.theirs).isEmpty { changes.append("no longer held as someone else's: \(titles(gone(\.theirs)))") }
        if !back(\.liked).isEmpty { changes.append("liked again: \(titles(back(\.liked)))") }
        if !back(\.disliked).isEmpty { changes.append("turned away again: \(titles(back(\.disliked)))") }
        if !back(\.seen).isEmpty { changes.append("seen again: \(titles(back(\.seen)))") }
        if now.constraints != then.constraints { changes.append("looking for: \(then.constraints.isEmpty ? "anything" : then.constraints.summary)") }
        let said = changes.isEmpty ? "" : " " + changes.joined(separator: "; ").prefix(1).uppercased() + changes.joined(separator: "; ").dropFirst() + "."
        return "Undone: “\(undo.turn)”.\(said)"
    }
}
