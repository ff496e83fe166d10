import CuratorCore
import Testing

@Suite("Liked items: what a user's ratings say they liked")
struct LikedItemsTests {
    @Test func anItemRatedBelowTheUsersOwnMeanIsNotLiked() {
        // User 0 rates 5, 4, 2 (mean 3.67): the 2 is not liked. User 1 rates 2 and 2: both are
        // at their mean, so liked (a harsh rater's best is still their best).
        let log = InteractionLog(users: [0, 0, 0, 1, 1], items: [10, 11, 12, 10, 12], timestamps: [1, 2, 3, 1, 2], values: [5, 4, 2, 2, 2])
        let liked = LikedItems(log, userCount: 2)
        #expect(liked.liked([10, 11, 12], by: 0) == [10, 11])
        #expect(liked.liked([10, 12], by: 1) == [10, 12])
        #expect(liked.liked(13, by: 0), "an item never rated: nothing says otherwise")
    }

    @Test func withoutRatingsEveryItemIsLiked() {
        let log = InteractionLog(users: [0, 0, 1], items: [1, 2, 1], timestamps: [1, 2, 3], values: [1, 1, 1])
        #expect(LikedItems(log, userCount: 2).liked([1, 2], by: 0) == [1, 2])
    }
}
