import EchtImaging
import EchtInference
import Foundation

/// The coarse person mask from `selfie_segmentation.tflite`: the whole photo (or a region of
/// it) stretched to 256×256, output a person probability per cell (already through a sigmoid).
public struct SelfieSegmenter: Sendable {
    /// Side of the input and output.
    static let size = 256
    private let runner: ModelRunner

    /// Loads `selfie_segmentation.tflite` from `modelsDirectory`.
    public init(modelsDirectory: URL) throws(VisionError) {
        runner = try ModelRunner(name: "selfie_segmentation", directory: modelsDirectory)
    }

    /// The 256×256 single-channel probability mask of the whole (stretched) image.
    public func coarseMask(for image: Image) throws(VisionError) -> Image {
        try Self.mask(from: runner.run(Self.input(for: image), expectedOutputs: 1))
    }

    /// The 256×256 probability mask of `region` (photo pixels, stretched to the square): one
    /// person's head and shoulders fill the model's input as in a selfie.
    public func coarseMask(for image: Image, region: PixelRect) throws(VisionError) -> Image {
        try coarseMask(input: Self.input(for: image, region: region))
    }

    /// The 256×256 probability mask of a model input made by `input(for:region:)`.
    func coarseMask(input: Tensor) throws(VisionError) -> Image {
        try Self.mask(from: runner.run(input, expectedOutputs: 1))
    }

    /// The model input: the image stretched to 256², values 0...1.
    static func input(for image: Image) -> Tensor {
        input(for: image, region: PixelRect(minX: 0, minY: 0, maxX: Float(image.width), maxY: Float(image.height)))
    }

    /// The model input: `region` of the image stretched to 256², values 0...1.
    static func input(for image: Image, region: PixelRect) -> Tensor {
        let rect = RotatedRect(center: SIMD2(Double(region.center.x), Double(region.center.y)),
                               width: Double(region.width), height: Double(region.height))
        return TensorSampler.sample(image, region: rect, width: size, height: size, border: .zero, range: 0...1)
    }

    /// The region's sRGB colours (0...1) at the mask's size, lightly smoothed: what the model saw,
    /// from the model input `input(for:region:)` made for it.
    static func guide(input t: Tensor) -> Image {
        let smooth = Raster(width: size, height: size, channels: 3, values: t.values).boxBlurred(radius: 1)
        return Image(width: size, height: size, channels: 3, pixels: smooth.values)
    }

    /// Wraps the output tensor as a 256×256 grey image.
    static func mask(from outputs: [Tensor]) throws(VisionError) -> Image {
        guard let mask = outputs.first, mask.values.count == size * size else {
            throw .unexpectedOutput(model: "selfie_segmentation", expected: "[1,256,256,1]",
                                    received: outputs.map { "\($0.shape)" }.joined(separator: ", "))
        }
        return Image(width: size, height: size, channels: 1, pixels: mask.values.map { min(max($0, 0), 1) })
    }
}
