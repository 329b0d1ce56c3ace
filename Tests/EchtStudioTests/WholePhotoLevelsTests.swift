import EchtImaging
import EchtTestSupport
import EchtVision
import Foundation
import Testing
@testable import EchtStudio

/// The whole photo's matte levels made ahead (as `StudioSession` does) give the
/// same mattes as levels made from the finished photo: a lone subject's model region is the
/// whole photo and uses them; a group's subjects have regions of their own and ignore them.
@Suite(.enabled(if: StudioFixtures.devPhotosReady, StudioFixtures.devPhotosSkipReason))
struct WholePhotoLevelsTests {
    @Test(arguments: ["portrait-elderly-cap-glasses-outdoor-01.jpg", "group-5faces-office-01.jpg"])
    func mattesAreThoseOfLevelsMadeLater(_ name: String) throws {
        let session = try StudioSession()
        let image = try ImageFile.decode(contentsOf: Fixtures.devPhotos!.appendingPathComponent(name)).image
        let made = MatteRefiner(options: session.analyzer.options.matte).levels(of: image, concurrent: false)
        let styles = [FramingStyle(fit: .loose), FramingStyle(fit: .standard)]
        let found = try session.analyse(image, name: name)
        let face = try StudioPipeline.chooseFace(in: found, index: nil, sourceName: name)
        let later = try found.addingMattes(for: [face], styles: styles, image: image, analyzer: session.analyzer, sourceName: name)
        let ahead = try found.addingMattes(for: [face], styles: styles, image: image, analyzer: session.analyzer, sourceName: name,
                                           wholePhotoLevels: made)
        #expect(ahead.matte(for: face) != nil)
        #expect(ahead == later)
        // Awaited only once the model has run (as `StudioSession` hands them over): the same mattes,
        // and the levels are asked for only when the subject's model region is the whole photo.
        // `whileRefining` runs once, after the model runs and before the levels are asked for.
        let asked = AskedCount(), refining = AskedCount()
        let awaited = try found.addingMattes(for: [face], styles: styles, image: image, analyzer: session.analyzer, sourceName: name,
                                             whileRefining: { refining.add(after: asked) }) {
            asked.add()
            return made
        }
        #expect(awaited == later)
        #expect(asked.count == (name.hasPrefix("group") ? 0 : 1))
        #expect(refining.count == 1 && refining.sawBefore == 0)
        // None given (the levels failed), or levels of another photo: made here, the same mattes.
        let none = try found.addingMattes(for: [face], styles: styles, image: image, analyzer: session.analyzer, sourceName: name) { nil }
        #expect(none == later)
        let other = MatteRefiner(options: session.analyzer.options.matte).levels(of: Image(width: 64, height: 64, channels: 3, pixels: [Float](repeating: 0.5, count: 64 * 64 * 3)))
        let wrong = try found.addingMattes(for: [face], styles: styles, image: image, analyzer: session.analyzer, sourceName: name) { other }
        #expect(wrong == later)
    }
}

/// How often the levels were asked for (from the matte's worker thread).
private final class AskedCount: @unchecked Sendable {
    private let lock = NSLock()
    private var asked = 0
    /// `other`'s count when this was last added to.
    private(set) var sawBefore = -1
    func add() { lock.lock(); asked += 1; lock.unlock() }
    func add(after other: AskedCount) {
        let seen = other.count
        lock.lock(); asked += 1; sawBefore = seen; lock.unlock()
    }
    var count: Int { lock.lock(); defer { lock.unlock() }; return asked }
}
