import CuratorCore

/// A model that scores a block of fitted users faster than one by one (EASE reuses each weight
/// row for every user of the block that has the item while it is in cache).
public protocol BlockScoringModel: RecallModel {
    /// Scores the training histories of `users` into `scores`, one row of `itemCount` per user.
    func scoreBlock(_ users: Range<Int>, of data: TrainingData, into scores: UnsafeMutablePointer<Float>)
}
