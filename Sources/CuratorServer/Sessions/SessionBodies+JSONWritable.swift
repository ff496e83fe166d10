import CuratorCore

/// A turn's whole reply, and the streamed `ranked` and `understood` events, written by
/// `JSONWriter` (the same bytes `JSONBody.encoder` writes: keys sorted, absent optionals left
/// out except the `Turn`'s nulls): every turn sends them, and JSONEncoder's boxing of their
/// values was a twentieth of a served turn.
extension SessionBodies.Turn: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.raw(#"{"fallbacks":"#)
        writer.array(fallbacks) { writer, fallback in
            writer.raw(#"{"message":"#)
            writer.string(fallback.message)
            writer.raw(#","reason":"#)
            writer.string(fallback.reason)
            writer.raw(#","step":"#)
            writer.string(fallback.step.rawValue)
            writer.raw("}")
        }
        writer.raw(#","follow_up":"#)
        writer.optionalString(followUp)
        writer.raw(#","items":"#)
        writer.array(items) { writer, item in item.write(to: &writer) }
        writer.raw(#","message":"#)
        writer.optionalString(message)
        writer.raw(#","notes":"#)
        writer.array(notes) { writer, note in writer.string(note) }
        writer.raw(#","session_id":"#)
        writer.string(sessionID)
        writer.raw(#","text":"#)
        writer.string(text)
        writer.raw(#","timings":"#)
        timings.write(to: &writer)
        writer.raw(#","turn":"#)
        writer.integer(turn)
        writer.raw(#","understood":"#)
        if let understood { understood.write(to: &writer) } else { writer.raw("null") }
        writer.raw("}")
    }
}

extension SessionBodies.Ranked: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.raw(#"{"items":"#)
        writer.array(items) { writer, item in item.write(to: &writer) }
        writer.raw("}")
    }
}

extension SessionBodies.Item: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.raw(#"{"display_title":"#)
        writer.string(displayTitle)
        writer.raw(#","genres":"#)
        writer.array(genres) { writer, genre in writer.string(genre) }
        writer.raw(#","id":"#)
        writer.string(id)
        writer.raw(#","position":"#)
        writer.integer(position)
        writer.raw(#","reason":"#)
        writer.string(reason)
        writer.raw(#","score":"#)
        writer.number(score)
        writer.raw(#","title":"#)
        writer.string(title)
        writer.ifPresent(#","year":"#, year) { $0.integer($1) }
        writer.raw("}")
    }
}

extension SessionBodies.Understood: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.raw(#"{"constraints":"#)
        constraints.write(to: &writer)
        writer.raw(#","in_force":"#)
        inForce.write(to: &writer)
        writer.raw(#","mentions":"#)
        writer.array(mentions) { writer, mention in
            writer.raw(#"{"feeling":"#)
            writer.string(mention.feeling)
            writer.raw(#","item_ids":"#)
            writer.array(mention.itemIDs) { writer, id in writer.string(id) }
            writer.raw(#","stated":"#)
            writer.raw(mention.stated ? "true" : "false")
            writer.raw(#","text":"#)
            writer.string(mention.text)
            writer.raw("}")
        }
        writer.raw(#","message":"#)
        writer.string(message)
        writer.raw(#","read_by_llm":"#)
        writer.raw(readByLLM ? "true" : "false")
        writer.raw("}")
    }
}

extension SessionBodies.ConstraintsBody: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.raw(#"{"avoided":"#)
        writer.array(avoided) { writer, mood in writer.string(mood) }
        writer.raw(#","exclude_genres":"#)
        writer.array(excludeGenres) { writer, genre in writer.string(genre) }
        writer.raw(#","excluded_years":"#)
        writer.array(excludedYears) { writer, years in
            writer.raw(#"{"from":"#)
            writer.integer(years.from)
            writer.raw(#","to":"#)
            writer.integer(years.to)
            writer.raw("}")
        }
        writer.raw(#","held_genres":"#)
        writer.array(heldGenres) { writer, group in writer.array(group) { writer, genre in writer.string(genre) } }
        writer.raw(#","include_genres":"#)
        writer.array(includeGenres) { writer, genre in writer.string(genre) }
        writer.ifPresent(#","max_year":"#, maxYear) { $0.integer($1) }
        writer.ifPresent(#","min_year":"#, minYear) { $0.integer($1) }
        writer.raw(#","summary":"#)
        writer.string(summary)
        writer.raw(#","wishes":"#)
        writer.array(wishes) { writer, wish in writer.string(wish) }
        writer.raw("}")
    }
}

extension SessionBodies.Timings: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.raw(#"{"completion_tokens":"#)
        writer.integer(completionTokens)
        writer.ifPresent(#","explanations":"#, explanations) { $0.number($1) }
        writer.ifPresent(#","first_item":"#, firstItem) { $0.number($1) }
        writer.raw(#","prompt_tokens":"#)
        writer.integer(promptTokens)
        writer.ifPresent(#","reading":"#, reading) { $0.number($1) }
        writer.raw(#","recall":"#)
        writer.number(recall)
        writer.ifPresent(#","rerank":"#, rerank) { $0.number($1) }
        writer.raw(#","total":"#)
        writer.number(total)
        writer.raw(#","understanding":"#)
        writer.number(understanding)
        writer.ifPresent(#","words":"#, words) { $0.number($1) }
        writer.raw("}")
    }
}
