import EchtImaging
import EchtInference
import Testing
@testable import EchtVision

/// Post-processing on LiteRT's golden raw outputs reproduces the golden numbers (≤ 0.05 px).
@Suite(.enabled(if: ModelGolden.available, "needs ../shared/docs/models/golden (golden tensors)"))
struct PostProcessingTests {
    @Test func anchorCounts() {
        #expect(DetectorModel.shortRange.anchors.centers.count == 896)
        #expect(DetectorModel.fullRange.anchors.centers.count == 2304)
        // Stride-8 grid first: anchor 0 and 1 share the first cell, anchor 512 starts the 8×8 grid.
        #expect(DetectorModel.shortRange.anchors.centers[1] == SIMD2(0.5 / 16, 0.5 / 16))
        #expect(DetectorModel.shortRange.anchors.centers[512] == SIMD2(0.5 / 8, 0.5 / 8))
    }

    @Test(arguments: [(DetectorModel.shortRange, "det_short_range"), (DetectorModel.fullRange, "det_full_range_sparse")])
    func detectorDecodingMatchesGolden(kind: DetectorModel, tag: String) throws {
        let n = kind.anchors.centers.count
        let outputs = [Tensor(shape: [1, n, 16], values: try ModelGolden.floats(tag + "_regressors")),
                       Tensor(shape: [1, n, 1], values: try ModelGolden.floats(tag + "_classificators"))]
        let faces = try kind.detections(from: outputs, region: DetectorModel.wholeImage(width: 512, height: 512))
        let g = try ModelGolden.json()[tag] as! [String: Any]
        #expect(faces.count == g["num_after_nms"] as! Int)
        let face = try #require(faces.first)
        let box = (g["box_px_xyxy"] as! [Double]).map(Float.init)
        #expect(maxAbsDifference([face.box.minX, face.box.minY, face.box.maxX, face.box.maxY], box) <= 0.006)
        let kps = (g["kps_px"] as! [[Double]]).flatMap { $0.map(Float.init) }
        #expect(maxAbsDifference(face.keypoints.flatMap { [$0.x, $0.y] }, kps) <= 0.006)
        #expect(abs(face.score - Float(g["best_score"] as! Double)) <= 1e-5)
    }

    @Test func weightedNMSBlendsEightBoxes() throws {
        let kind = DetectorModel.shortRange
        let raw = DetectionDecoder.decode(regressors: try ModelGolden.floats("det_short_range_regressors"),
                                          logits: try ModelGolden.floats("det_short_range_classificators"),
                                          anchors: kind.anchors, inputSize: 128, threshold: kind.scoreThreshold)
        let merged = DetectionDecoder.weightedNonMaxSuppression(raw)
        #expect(merged.count == 1)
        #expect(merged.first?.merged == 8)
    }

    @Test func meshRegionAndProjectionMatchGolden() throws {
        let g = try ModelGolden.json()["face_mesh"] as! [String: Any]
        let region = FaceMesh.region(for: try ModelGolden.shortRangeDetection())
        let centre = g["roi_center_px"] as! [Double]
        #expect(abs(region.center.x - centre[0]) < 0.01 && abs(region.center.y - centre[1]) < 0.01)
        #expect(abs(region.width - (g["roi_side_px"] as! Double)) < 0.02)
        #expect(abs(region.rotation - (g["roi_rotation_rad"] as! Double)) < 1e-3)
        // Project the raw tensor through the exact golden ROI.
        let exact = RotatedRect(center: SIMD2(centre[0], centre[1]), side: g["roi_side_px"] as! Double,
                                rotation: g["roi_rotation_rad"] as! Double)
        let mesh = try FaceMesh.landmarks(from: [Tensor(shape: [1, 1, 1, 1404], values: try ModelGolden.floats("mesh_landmarks_raw")),
                                                 Tensor(shape: [1, 1, 1, 1], values: try ModelGolden.floats("mesh_flag_raw"))],
                                          region: exact)
        #expect(mesh.presence > 0.9999)
        let golden = try ModelGolden.meshPoints()
        #expect(maxAbsDifference(mesh.points.flatMap { [$0.x, $0.y] }, golden.flatMap { [$0.x, $0.y] }) <= 0.02)
        #expect(maxAbsDifference(mesh.points.map(\.z), golden.map(\.z)) <= 0.02)
    }

    @Test func secondPassRegionMatchesGolden() throws {
        let g = try ModelGolden.json()["face_mesh_pass2"] as! [String: Any]
        let region = FaceMesh.region(for: try ModelGolden.meshPoints())
        let centre = g["roi_center_px"] as! [Double]
        #expect(abs(region.center.x - centre[0]) < 1e-3 && abs(region.center.y - centre[1]) < 1e-3)
        #expect(abs(region.width - (g["roi_side_px"] as! Double)) < 1e-3)
        #expect(abs(region.rotation - (g["roi_rotation_rad"] as! Double)) < 1e-4)
    }

    @Test(arguments: [("iris_left", "image_left_eye(33-133)", false), ("iris_right", "image_right_eye(362-263)", true)])
    func irisMatchesGolden(tag: String, key: String, mirrored: Bool) throws {
        let g = (try ModelGolden.json()["iris"] as! [String: Any])[key] as! [String: Any]
        let points = try ModelGolden.meshPoints()
        let region = mirrored ? IrisRefiner.eyeRegion(points[362], points[263]) : IrisRefiner.eyeRegion(points[33], points[133])
        let centre = g["roi_center_px"] as! [Double]
        #expect(abs(region.center.x - centre[0]) < 1e-3 && abs(region.width - (g["roi_side_px"] as! Double)) < 1e-3)
        let iris = try IrisRefiner.iris(from: [Tensor(shape: [1, 213], values: try ModelGolden.floats(tag + "_contour_raw")),
                                               Tensor(shape: [1, 15], values: try ModelGolden.floats(tag + "_iris_raw"))],
                                        region: region, mirrored: mirrored)
        let ring = g["iris_px"] as! [[Double]]
        #expect(abs(iris.center.x - Float(ring[0][0])) <= 0.006 && abs(iris.center.y - Float(ring[0][1])) <= 0.006)
        #expect(abs(2 * iris.radius - Float(g["iris_diameter_px"] as! Double)) <= 0.002)
        let contour = (g["contour_first9_px"] as! [[Double]]).flatMap { $0.map(Float.init) }
        #expect(maxAbsDifference(iris.contour.prefix(9).flatMap { [$0.x, $0.y] }, contour) <= 0.006)
    }

    @Test func selfieMaskStatisticsMatchGolden() throws {
        let mask = try SelfieSegmenter.mask(from: [Tensor(shape: [1, 256, 256, 1], values: try ModelGolden.floats("selfie_mask"))])
        let mean = mask.pixels.reduce(0, +) / Float(mask.pixels.count)
        #expect(abs(mean - 0.54185) <= 1e-5)
        let fraction = Float(mask.pixels.filter { $0 > 0.5 }.count) / Float(mask.pixels.count)
        #expect(abs(fraction - 0.54434) <= 1e-5)
    }
}
