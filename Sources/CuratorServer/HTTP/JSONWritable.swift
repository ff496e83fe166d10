import CuratorCore

/// A body (a response, a streamed event's data) that `JSONBody.json` writes with `JSONWriter`.
protocol JSONWritable {
    func write(to writer: inout JSONWriter)
}

extension Recommendation: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.raw(#"{"items":"#)
        writer.array(items) { writer, item in item.write(to: &writer) }
        writer.raw(#","model":"#)
        writer.string(model)
        writer.raw(#","model_version":"#)
        writer.string(modelVersion)
        writer.raw(#","recommendation_id":"#)
        writer.string(recommendationID)
        writer.raw("}")
    }
}

extension RecommendedItem: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.raw(#"{"display_title":"#)
        writer.string(displayTitle)
        writer.raw(#","genres":"#)
        writer.array(genres) { writer, genre in writer.string(genre) }
        writer.raw(#","id":"#)
        writer.string(id)
        writer.raw(#","reason":"#)
        writer.string(reason)
        writer.raw(#","recall_rank":"#)
        writer.integer(recallRank)
        writer.raw(#","score":"#)
        writer.number(score)
        writer.raw(#","title":"#)
        writer.string(title)
        writer.ifPresent(#","year":"#, year) { $0.integer($1) }
        writer.raw("}")
    }
}
