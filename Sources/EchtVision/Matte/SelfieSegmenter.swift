import EchtImaging
import EchtInference
import Foundation

/// The coarse person mask from `selfie_segmentation.tflite`: the whole photo stretched to
/// 256×256, output a person probability per cell (already through a sigmoid).
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

    /// The model input: the image stretched to 256², values 0...1.
    static func input(for image: Image) -> Tensor {
        let region = RotatedRect(center: SIMD2(Double(image.width) / 2, Double(image.height) / 2),
                                 width: Double(image.width), height: Double(image.height))
        return TensorSampler.sample(image, region: region, width: size, height: size, border: .zero, range: 0...1)
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
