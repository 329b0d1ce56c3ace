import EchtImaging
import EchtTestSupport
import EchtVision
import Foundation
import Testing
@testable import EchtStudio

/// Real data for studio tests: the astronaut portrait with the face mesh and selfie mask that
/// the reference implementation (LiteRT + MediaPipe) produced, from `shared/docs/models/golden`.
enum StudioFixtures {
    /// The golden folder, if the shared docs are present.
    static var goldenFolder: URL? {
        guard let url = Fixtures.sharedDocs?.appendingPathComponent("models/golden"),
              FileManager.default.fileExists(atPath: url.appendingPathComponent("mesh_landmarks_px.f32").path) else { return nil }
        return url
    }

    /// Why golden-based tests are skipped.
    static let skipReason: Comment = "needs ../shared/docs/models/golden (astronaut pixels, mesh, selfie mask)"
    /// Whether the models and ../shared/photos/dev are both present, for tests on dev photos.
    static var devPhotosReady: Bool {
        FileManager.default.fileExists(atPath: Fixtures.modelsDirectory.appendingPathComponent("selfie_segmentation.tflite").path)
            && Fixtures.devPhotos != nil
    }
    static let devPhotosSkipReason: Comment = "needs the models (make setup) and ../shared/photos/dev"

    static func floats(_ name: String) throws -> [Float] {
        let data = try Data(contentsOf: goldenFolder!.appendingPathComponent(name))
        return data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    /// The astronaut, 512×512, linear light.
    static func astronaut() throws -> Image {
        let bytes = try Data(contentsOf: goldenFolder!.appendingPathComponent("astronaut_rgb_512x512.u8"))
        let table = (0..<256).map { SRGB.decode(Float($0) / 255) }
        return Image(width: 512, height: 512, channels: 3, pixels: bytes.map { table[Int($0)] })
    }

    /// The reference face mesh of the astronaut, in image pixels.
    static func astronautMesh() throws -> FaceLandmarks {
        let f = try floats("mesh_landmarks_px.f32")
        let points = (0..<468).map { SIMD3(f[$0 * 3], f[$0 * 3 + 1], f[$0 * 3 + 2]) }
        return FaceLandmarks(points: points, presence: 1)
    }

    /// The astronaut's face: detection box from the golden values plus the mesh.
    static func astronautFace() throws -> Face {
        let mesh = try astronautMesh()
        let box = PixelRect(minX: 177.57, minY: 82.87, maxX: 272.91, maxY: 178.22)
        let kps: [SIMD2<Float>] = [[201.5, 104.9], [245.85, 109.1], [220.43, 127.26], [219.82, 148.61], [178.19, 115.72], [272.2, 123.87]]
        return Face(detection: FaceDetection(box: box, keypoints: kps, score: 0.92), landmarks: mesh)
    }

    /// The selfie model's 256×256 mask refined by EchtVision into a full-resolution matte.
    static func astronautMatte(image: Image) throws -> PersonMatte {
        let mask = Image(width: 256, height: 256, channels: 1, pixels: try floats("selfie_mask.f32"))
        return MatteRefiner().refine(coarseMask: mask, photo: image)
    }

    /// The full analysis of the astronaut.
    static func astronautAnalysis() throws -> (Image, StudioAnalysis) {
        let image = try astronaut()
        return (image, StudioAnalysis(faces: [try astronautFace()], matte: try astronautMatte(image: image)))
    }

    /// A dev photo decoded and searched for faces by a default session (no mattes yet), with that
    /// session for the steps a test takes next.
    static func analysedDevPhoto(_ name: String) throws -> (session: StudioSession, image: Image, found: StudioAnalysis) {
        let session = try StudioSession()
        let image = try ImageFile.decode(contentsOf: Fixtures.devPhotos!.appendingPathComponent(name)).image
        return (session, image, try session.analyse(image, name: name))
    }

    /// The dev photo `name` as the default looks see it: its largest face, the looks, their
    /// framing styles (each once, in the looks' order) and the analysis with that face's matte.
    static func defaultLooksAnalysis(_ name: String) throws -> (session: StudioSession, image: Image, face: Face, looks: [Look],
                                                                 styles: [FramingStyle], analysis: StudioAnalysis) {
        let (session, image, found) = try analysedDevPhoto(name)
        let face = try StudioPipeline.chooseFace(in: found, index: nil, sourceName: name)
        let looks = Look.defaultNames.map { Look.builtIn[$0]! }
        var styles: [FramingStyle] = []
        for look in looks where !styles.contains(look.framing) { styles.append(look.framing) }
        let analysis = try found.addingMattes(for: [face], styles: styles, image: image, analyzer: session.analyzer, sourceName: name)
        return (session, image, face, looks, styles, analysis)
    }

    /// The largest face of the dev photo `name` and its person matte, made for `styles`.
    static func largestFaceMatte(_ name: String, styles: [FramingStyle]) throws -> (face: Face, matte: PersonMatte) {
        let (session, image, found) = try analysedDevPhoto(name)
        let face = try #require(found.facesBySize.first)
        let analysis = try found.addingMattes(for: [face], styles: styles, image: image, analyzer: session.analyzer, sourceName: name)
        let index = try #require(analysis.faces.firstIndex(of: face))
        return (face, try #require(analysis.mattes[index]))
    }
}
