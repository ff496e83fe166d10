import CuratorCore

/// Folds stored feedback into a dataset for the next full fit (`curator train --with-feedback`):
/// every positive event on a dataset item becomes an interaction (weighted as the policy says);
/// users seen only through feedback are added after the dataset's own.
public enum FeedbackFolding {
    public struct Outcome: Sendable {
        public var dataset: Dataset
        /// Events that became interactions.
        public var folded: Int
        /// Users that exist only through feedback.
        public var newUsers: Int
    }

    public static func fold(_ events: [FeedbackEvent], into dataset: Dataset, policy: FeedbackPolicy = FeedbackPolicy()) -> Outcome {
        var result = dataset
        var folded = 0
        let users = dataset.userCount
        for event in events {
            guard let weight = policy.weight(type: event.type, value: event.value), weight > 0,
                  let item = dataset.items.index(of: event.item) else { continue }
            let user = result.users.insert(event.user)
            result.interactions.append(user: user, item: item, timestamp: event.timestamp, value: event.value ?? weight)
            folded += 1
        }
        return Outcome(dataset: result, folded: folded, newUsers: result.userCount - users)
    }
}
