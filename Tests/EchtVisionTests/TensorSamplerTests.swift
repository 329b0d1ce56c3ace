import EchtImaging
import EchtInference
import Testing
@testable import EchtVision

/// Layer 2 of the model brief: our input tensors equal LiteRT's golden inputs to ≤ 1e-4.
@Suite(.enabled(if: ModelGolden.available, "needs ../shared/docs/models/golden (golden tensors)"))
struct TensorSamplerTests {
    @Test func detectorInputsMatchGolden() throws {
        let image = try ModelGolden.astronaut()
        let whole = DetectorModel.wholeImage(width: 512, height: 512)
        let short = DetectorModel.shortRange.input(for: image, region: whole)
        #expect(short.shape == [1, 128, 128, 3])
        #expect(maxAbsDifference(short.values, try ModelGolden.floats("det_short_range_input")) <= 1e-4)
        let full = DetectorModel.fullRange.input(for: image, region: whole)
        #expect(maxAbsDifference(full.values, try ModelGolden.floats("det_full_range_sparse_input")) <= 1e-4)
    }

    @Test func letterboxOfTallCropMatchesGolden() throws {
        let image = try ModelGolden.astronaut()
        var crop = [Float]()
        for y in 0..<512 { crop += image.pixels[(y * 512 + 96) * 3 ..< (y * 512 + 416) * 3] }
        let tall = Image(width: 320, height: 512, channels: 3, pixels: crop)
        let input = DetectorModel.shortRange.input(for: tall, region: DetectorModel.wholeImage(width: 320, height: 512))
        #expect(maxAbsDifference(input.values, try ModelGolden.floats("det_short_range_crop320x512_input")) <= 1e-4)
    }

    @Test func meshInputsMatchGolden() throws {
        let image = try ModelGolden.astronaut()
        let region = FaceMesh.region(for: try ModelGolden.shortRangeDetection())
        let input = TensorSampler.sample(image, region: region, width: 192, height: 192, border: .replicate, range: 0...1)
        // The golden detection is rounded to 0.01 px, which moves samples by up to ~5e-3.
        #expect(maxAbsDifference(input.values, try ModelGolden.floats("mesh_input")) <= 2e-2)
        let pass2 = FaceMesh.region(for: try ModelGolden.meshPoints())
        let input2 = TensorSampler.sample(image, region: pass2, width: 192, height: 192, border: .replicate, range: 0...1)
        #expect(maxAbsDifference(input2.values, try ModelGolden.floats("mesh_pass2_input")) <= 1e-4)
    }

    @Test func irisInputsMatchGolden() throws {
        let image = try ModelGolden.astronaut()
        let points = try ModelGolden.meshPoints()
        let left = TensorSampler.sample(image, region: IrisRefiner.eyeRegion(points[33], points[133]), width: 64, height: 64,
                                        border: .replicate, range: 0...1, halfPixel: true)
        #expect(maxAbsDifference(left.values, try ModelGolden.floats("iris_left_input")) <= 1e-4)
        let right = TensorSampler.sample(image, region: IrisRefiner.eyeRegion(points[362], points[263]), width: 64, height: 64,
                                         border: .replicate, range: 0...1, halfPixel: true, mirrored: true)
        #expect(maxAbsDifference(right.values, try ModelGolden.floats("iris_right_input")) <= 1e-4)
    }

    @Test func selfieInputMatchesGolden() throws {
        let input = SelfieSegmenter.input(for: try ModelGolden.astronaut())
        #expect(maxAbsDifference(input.values, try ModelGolden.floats("selfie_input")) <= 1e-4)
    }
}
