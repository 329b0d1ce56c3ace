import EchtTestSupport
import Foundation
import Testing
@testable import EchtVision

/// Where the mesh lands on every dev photo, against `Golden/dev_mesh_snapshot.json`: twelve
/// landmarks per face (eye and mouth corners, nose, chin, forehead, face sides). A change to
/// detection, crops or the mesh that moves any face's mesh by more than noise fails here and
/// must say why in its commit (then rewrite the snapshot: `ECHT_WRITE_MESH_SNAPSHOT=1`).
extension DevPhotoEvaluationTests {
    /// The landmarks kept per face.
    static let snapshotPoints = [33, 133, 362, 263, 61, 291, 1, 168, 152, 10, 234, 454]
    /// Largest mean displacement of a face's snapshot points, in pixels. The snapshot is rounded
    /// to 0.01 px and the kernels repeat exactly on one machine; the slack is for other SIMD
    /// paths. A misplaced mesh moves tens of pixels (47 px on the office group).
    static let snapshotTolerance: Float = 0.5

    struct MeshSnapshot: Codable {
        var points: [Int]
        /// Per photo, per face (largest first): x, y of each snapshot point.
        var photos: [String: [[Float]]]
    }

    static var snapshotURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/dev_mesh_snapshot.json")
    }

    static func snapshotRow(_ landmarks: FaceLandmarks) -> [Float] {
        snapshotPoints.flatMap { i in [(landmarks.points[i].x * 100).rounded() / 100, (landmarks.points[i].y * 100).rounded() / 100] }
    }

    @Test func meshesStayWhereTheSnapshotHasThem() throws {
        var photos: [String: [[Float]]] = [:]
        for (file, _, _) in Self.table {
            guard let analysis = try Self.analyses[file]?.get() else { continue }
            photos[file] = analysis.faces.compactMap { $0.face.landmarks.map(Self.snapshotRow) }
        }
        if ProcessInfo.processInfo.environment["ECHT_WRITE_MESH_SNAPSHOT"] == "1" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try encoder.encode(MeshSnapshot(points: Self.snapshotPoints, photos: photos)).write(to: Self.snapshotURL, options: .atomic)
            return
        }
        let snapshot = try JSONDecoder().decode(MeshSnapshot.self, from: Data(contentsOf: Self.snapshotURL))
        try #require(snapshot.points == Self.snapshotPoints, "the snapshot keeps other points; rewrite it")
        for (file, expected) in snapshot.photos.sorted(by: { $0.key < $1.key }) {
            guard let found = photos[file] else { continue }
            for (index, row) in expected.enumerated() {
                // The nearest face, so that a change in face order alone does not fail.
                let moved = found.map { Self.meanDistance($0, row) }.min() ?? .infinity
                #expect(moved <= Self.snapshotTolerance, "\(file) face \(index + 1): mesh moved \(moved) px")
            }
        }
    }

    /// Mean distance between two rows of (x, y) pairs.
    static func meanDistance(_ a: [Float], _ b: [Float]) -> Float {
        guard a.count == b.count, !a.isEmpty else { return .infinity }
        var sum: Float = 0
        for k in stride(from: 0, to: a.count, by: 2) {
            let dx = a[k] - b[k], dy = a[k + 1] - b[k + 1]
            sum += (dx * dx + dy * dy).squareRoot()
        }
        return sum / Float(a.count / 2)
    }
}
