import CuratorCore
import Foundation

extension ChatSession {
    /// The session as the stores keep it: the JSON its `Codable` form decodes from, written
    /// directly (keys sorted, slashes as they are). A server stores its session at every turn,
    /// and JSONEncoder's boxing of every value was a twentieth of the turn.
    public var storedJSON: Data {
        var writer = JSONWriter(capacity: 4096 + turns.count * 1024)
        write(to: &writer)
        return Data(writer.bytes)
    }

    func write(to writer: inout JSONWriter) {
        writer.raw(#"{"constraints":"#)
        constraints.write(to: &writer)
        writer.raw(#","disliked":"#)
        writer.array(disliked) { writer, id in writer.string(id) }
        writer.raw(#","lastPlaces":"#)
        writer.array(lastPlaces) { writer, place in place.write(to: &writer) }
        writer.raw(#","lastShown":"#)
        writer.array(lastShown) { writer, id in writer.string(id) }
        writer.raw(#","liked":"#)
        writer.array(liked) { writer, id in writer.string(id) }
        if let pendingAskedAgain {
            writer.raw(#","pendingAskedAgain":"#)
            writer.raw(pendingAskedAgain ? "true" : "false")
        }
        if let pendingChoice {
            writer.raw(#","pendingChoice":"#)
            writer.array(pendingChoice) { writer, id in writer.string(id) }
        }
        if let pendingFeeling {
            writer.raw(#","pendingFeeling":"#)
            writer.string(pendingFeeling.rawValue)
        }
        if let pendingUnstated {
            writer.raw(#","pendingUnstated":"#)
            writer.raw(pendingUnstated ? "true" : "false")
        }
        if let picked {
            writer.raw(#","picked":"#)
            picked.write(to: &writer)
        }
        writer.raw(#","seen":"#)
        writer.array(seen) { writer, id in writer.string(id) }
        writer.raw(#","shown":"#)
        writer.array(shown) { writer, id in writer.string(id) }
        writer.raw(#","steering":"#)
        writer.array(steering) { writer, id in writer.string(id) }
        if let steeringSetAside {
            writer.raw(#","steeringSetAside":"#)
            writer.raw(steeringSetAside ? "true" : "false")
        }
        writer.raw(#","theirs":"#)
        writer.array(theirs) { writer, id in writer.string(id) }
        writer.raw(#","turns":"#)
        writer.array(turns) { writer, turn in
            writer.raw(#"{"reply":"#)
            writer.string(turn.reply)
            writer.raw(#","user":"#)
            writer.string(turn.user)
            writer.raw("}")
        }
        if let undo {
            // As `Undo`'s Codable form reads it.
            writer.raw(#","undo":{"held":{"constraints":"#)
            undo.held.constraints.write(to: &writer)
            writer.raw(#","disliked":"#)
            writer.array(undo.held.disliked) { writer, id in writer.string(id) }
            writer.raw(#","liked":"#)
            writer.array(undo.held.liked) { writer, id in writer.string(id) }
            writer.raw(#","seen":"#)
            writer.array(undo.held.seen) { writer, id in writer.string(id) }
            writer.raw(#","steering":"#)
            writer.array(undo.held.steering) { writer, id in writer.string(id) }
            writer.raw(#","theirs":"#)
            writer.array(undo.held.theirs) { writer, id in writer.string(id) }
            writer.raw(#"},"turn":"#)
            writer.string(undo.turn)
            writer.raw("}")
        }
        writer.raw("}")
    }
}

extension ChatSession.Place {
    func write(to writer: inout JSONWriter) {
        writer.raw(#"{"films":"#)
        writer.array(films) { writer, id in writer.string(id) }
        writer.raw(#","fromWords":"#)
        writer.raw(fromWords ? "true" : "false")
        writer.raw(#","id":"#)
        writer.string(id)
        writer.raw(#","reason":"#)
        writer.string(reason)
        writer.raw(#","recallRank":"#)
        writer.integer(recallRank)
        writer.raw("}")
    }
}

extension Constraints {
    func write(to writer: inout JSONWriter) {
        writer.raw(#"{"avoided":"#)
        writer.array(avoided) { writer, mood in writer.string(mood) }
        writer.raw(#","excludeGenres":"#)
        writer.array(excludeGenres) { writer, genre in writer.string(genre) }
        // As JSONEncoder writes a closed range: its two bounds.
        writer.raw(#","excludedYears":"#)
        writer.array(excludedYears) { writer, years in writer.array([years.lowerBound, years.upperBound]) { $0.integer($1) } }
        writer.raw(#","heldGenres":"#)
        writer.array(heldGenres) { writer, group in writer.array(group) { writer, genre in writer.string(genre) } }
        writer.raw(#","includeGenres":"#)
        writer.array(includeGenres) { writer, genre in writer.string(genre) }
        writer.ifPresent(#","maxYear":"#, maxYear) { $0.integer($1) }
        writer.ifPresent(#","minYear":"#, minYear) { $0.integer($1) }
        writer.raw(#","wishes":"#)
        writer.array(wishes) { writer, wish in writer.string(wish) }
        writer.raw("}")
    }
}
