@testable import CuratorServer
import Testing

/// The limiter's buckets, driven with explicit instants (no sleeping, no timing).
@Suite("rate limiter buckets")
struct RateLimiterTests {
    @Test func aKeyOverItsRateWaitsForTheRefill() {
        let limiter = RateLimiter(rate: 2, burst: 3)
        let start = ContinuousClock.now
        #expect((0..<4).map { _ in limiter.allow("a", now: start) } == [true, true, true, false])
        #expect(limiter.allow("b", now: start))  // other keys keep their own bucket
        #expect(!limiter.allow("a", now: start + .milliseconds(400)))
        #expect(limiter.allow("a", now: start + .milliseconds(500)))
    }

    @Test func idleBucketsAreDropped() {
        let limiter = RateLimiter(rate: 100, burst: 10)  // refilled after 0.1 s
        var now = ContinuousClock.now
        for client in 0..<100_000 {
            #expect(limiter.allow("address:\(client)", now: now))
            now += .milliseconds(1)
        }
        // Only the clients of the last sweep interval can still be refilling.
        #expect(limiter.count <= 1024)
    }

    @Test func aFloodOfClientsStaysWithinTheCapacity() {
        let limiter = RateLimiter(rate: 0.001, burst: 1, capacity: 500)  // nothing refills during the test
        let now = ContinuousClock.now
        var most = 0
        for client in 0..<20_000 {
            _ = limiter.allow("address:\(client)", now: now)
            most = max(most, limiter.count)
        }
        #expect(most <= 500)
        // A client limited a moment ago is still limited while the map is not full.
        let small = RateLimiter(rate: 0.001, burst: 1, capacity: 500)
        #expect(small.allow("busy", now: now))
        for client in 0..<100 { _ = small.allow("other:\(client)", now: now) }
        #expect(!small.allow("busy", now: now))
    }
}
