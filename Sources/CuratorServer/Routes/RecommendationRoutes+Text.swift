import CuratorChat
import CuratorCore

extension RecommendationRoutes {
    /// A list asked for in words: the recommendation, what the words were read as (the films
    /// they name, the constraints they set), and notes on what could not be acted on ("nothing
    /// with superheroes" where no tag says which films have them, a name not in the catalog),
    /// so nothing a request says is passed over in silence.
    struct TextRecommendation: Encodable, Sendable {
        var recommendation: Recommendation
        var understood: Understood
        var notes: [String]

        struct Understood: Encodable, Sendable {
            var mentions: [Mention]
            var constraints: SessionBodies.ConstraintsBody
        }

        struct Mention: Encodable, Sendable {
            var text: String
            var feeling: String
            var stated: Bool
            var itemIDs: [String]

            enum CodingKeys: String, CodingKey {
                case text, feeling, stated
                case itemIDs = "item_ids"
            }
        }

        enum CodingKeys: String, CodingKey { case understood, notes }

        /// - Parameter catalog: the items the reading's indices point into.
        init(_ recommendation: Recommendation, reading: RequestReading, catalog: [Item]) {
            self.recommendation = recommendation
            let id = { (index: Int32) in catalog.indices.contains(Int(index)) ? catalog[Int(index)].id : String(index) }
            understood = Understood(
                mentions: reading.understanding.mentions.map {
                    Mention(text: $0.text, feeling: $0.feeling.rawValue, stated: $0.stated, itemIDs: $0.items.map(id))
                },
                constraints: SessionBodies.ConstraintsBody(reading.constraints))
            notes = reading.notes { index in
                catalog.indices.contains(Int(index)) ? catalog[Int(index)].spokenDisplayTitle : String(index)
            }
        }

        /// The recommendation's own keys, then `understood` and `notes` beside them.
        func encode(to encoder: any Encoder) throws {
            try recommendation.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(understood, forKey: .understood)
            try container.encode(notes, forKey: .notes)
        }
    }
}
