import CuratorCore
import CuratorLab
import Testing

@Suite("Paired bootstrap intervals")
struct PairedBootstrapTests {
    @Test func constantDifferencesGiveAPointInterval() {
        let interval = PairedBootstrap(resamples: 500).interval(system: [0.5, 0.7, 0.9], baseline: [0.3, 0.5, 0.7])
        #expect(abs(interval.mean - 0.2) < 1e-12 && abs(interval.low - 0.2) < 1e-12 && abs(interval.high - 0.2) < 1e-12)
    }

    /// Paired differences drawn around a known mean: the interval contains it, for several seeds,
    /// and is narrower with sixteen times the users.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func intervalContainsTheTrueMeanAndNarrowsWithMoreUsers(seed: UInt64) {
        let trueMean = 0.05
        func differences(_ pairs: Int) -> [Double] {
            var generator = SeededGenerator(seed: seed)
            // Symmetric noise in ± pairs, so the sample mean is exactly the true mean.
            return (0..<pairs).flatMap { _ in
                let noise = Double(generator.nextUnitFloat()) * 0.3
                return [trueMean + noise, trueMean - noise]
            }
        }
        let bootstrap = PairedBootstrap(resamples: 2000, confidence: 0.95, seed: seed)
        let small = bootstrap.interval(differences: differences(12))
        let large = bootstrap.interval(differences: differences(200))
        for interval in [small, large] {
            #expect(interval.low <= interval.mean && interval.mean <= interval.high)
        }
        #expect(large.low < trueMean && trueMean < large.high)
        #expect(large.high - large.low < (small.high - small.low) / 2, "width ∝ 1/√n: about 16× the users should roughly quarter it")
    }

    @Test func theSameSeedGivesTheSameInterval() {
        let system = (0..<50).map { Double($0 % 7) / 7 }, baseline = (0..<50).map { Double($0 % 5) / 5 }
        let a = PairedBootstrap(seed: 9).interval(system: system, baseline: baseline)
        let b = PairedBootstrap(seed: 9).interval(system: system, baseline: baseline)
        #expect(a == b)
    }
}
