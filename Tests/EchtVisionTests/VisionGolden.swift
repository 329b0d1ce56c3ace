import EchtImaging
import EchtTestSupport
import Foundation
@testable import EchtVision

/// The reference outputs written by `scripts/vision/reference_vision.py` into `Golden/`
/// (LiteRT + the same pre/post-processing, on the astronaut, its transforms and dev photos).
struct VisionGolden: Decodable {
    struct GoldenFace: Decodable {
        var box: [Float]
        var score: Float
        var keypoints: [[Float]]
        var presence: Float
        var mesh_roi: [Double]
        var landmarks: [[Float]]
        var iris_centres: [[Float]]
        var eye_contours: [[[Float]]]

        /// The landmarks as mesh points.
        var points: [SIMD3<Float>] { landmarks.map { SIMD3($0[0], $0[1], $0[2]) } }
        /// The detection box.
        var rect: PixelRect { PixelRect(minX: box[0], minY: box[1], maxX: box[2], maxY: box[3]) }
        /// Landmarks with the golden iris centres and first 16 eye-contour points (radius unknown).
        var faceLandmarks: FaceLandmarks {
            FaceLandmarks(points: points, presence: presence,
                          leftIris: Iris(center: SIMD2(iris_centres[1][0], iris_centres[1][1]), radius: 0,
                                         contour: eye_contours[1].map { SIMD2($0[0], $0[1]) }),
                          rightIris: Iris(center: SIMD2(iris_centres[0][0], iris_centres[0][1]), radius: 0,
                                          contour: eye_contours[0].map { SIMD2($0[0], $0[1]) }))
        }
        /// A `Face` for measures.
        var face: Face {
            Face(detection: FaceDetection(box: rect, keypoints: keypoints.map { SIMD2($0[0], $0[1]) }, score: score),
                 landmarks: faceLandmarks)
        }
    }

    var source: String
    var width: Int
    var height: Int
    var faces: [GoldenFace]
    var mask_mean: Float
    var mask_samples_stride16: [[Float]]

    /// Loads `Golden/<name>.json` beside this file.
    static func load(_ name: String) throws -> VisionGolden {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name).json")
        return try JSONDecoder().decode(VisionGolden.self, from: Data(contentsOf: url))
    }
}

/// Exact image transforms used by the tests (they mirror the reference script's variants).
enum TestImages {
    /// Left-right mirror.
    static func mirrored(_ image: Image) -> Image { image.mirrored() }

    /// Turned 90° clockwise (what a viewer shows for EXIF orientation 6).
    static func rotatedClockwise(_ image: Image) -> Image {
        let w = image.height, h = image.width, c = image.channels
        var out = [Float](repeating: 0, count: image.pixels.count)
        for y in 0..<h {
            for x in 0..<w {
                // Output (x, y) shows input (col y, row H-1-x).
                let src = ((image.height - 1 - x) * image.width + y) * c
                for k in 0..<c { out[(y * w + x) * c + k] = image.pixels[src + k] }
            }
        }
        return Image(width: w, height: h, channels: c, pixels: out)
    }

    /// 2×2 mean of the sRGB-encoded values (as the reference script does), back to linear.
    static func halved(_ image: Image) -> Image {
        let w = image.width / 2, h = image.height / 2, c = image.channels
        var out = [Float](repeating: 0, count: w * h * c)
        for y in 0..<h {
            for x in 0..<w {
                for k in 0..<c {
                    var s: Float = 0
                    for dy in 0..<2 { for dx in 0..<2 { s += SRGB.encode(image[2 * x + dx, 2 * y + dy, k]) } }
                    out[(y * w + x) * c + k] = SRGB.decode(s / 4)
                }
            }
        }
        return Image(width: w, height: h, channels: c, pixels: out)
    }

    /// Turned clockwise by `degrees` about the centre (same size, black corners), bilinear.
    static func rotated(_ image: Image, degrees: Float) -> Image {
        let c = image.channels, w = image.width, h = image.height
        let a = degrees * .pi / 180, cs = cosf(a), sn = sinf(a)
        var out = [Float](repeating: 0, count: image.pixels.count)
        for y in 0..<h {
            for x in 0..<w {
                // Inverse map: output pixel centre back into the input.
                let dx = Float(x) + 0.5 - Float(w) / 2, dy = Float(y) + 0.5 - Float(h) / 2
                let sx = cs * dx + sn * dy + Float(w) / 2 - 0.5, sy = -sn * dx + cs * dy + Float(h) / 2 - 0.5
                let x0 = Int(sx.rounded(.down)), y0 = Int(sy.rounded(.down))
                guard x0 >= 0, y0 >= 0, x0 + 1 < w, y0 + 1 < h else { continue }
                let fx = sx - Float(x0), fy = sy - Float(y0)
                for k in 0..<c {
                    let top = image[x0, y0, k] * (1 - fx) + image[x0 + 1, y0, k] * fx
                    let bottom = image[x0, y0 + 1, k] * (1 - fx) + image[x0 + 1, y0 + 1, k] * fx
                    out[(y * w + x) * c + k] = top * (1 - fy) + bottom * fy
                }
            }
        }
        return Image(width: w, height: h, channels: c, pixels: out)
    }

    /// Every channel multiplied (exposure change in linear light).
    static func scaled(_ image: Image, by gains: [Float]) -> Image {
        var out = image
        for i in 0..<out.pixels.count { out.pixels[i] *= gains[i % image.channels] }
        return out
    }

    /// Box blur of radius r (linear light).
    static func blurred(_ image: Image, radius: Int) -> Image {
        let r = Raster(width: image.width, height: image.height, channels: image.channels, values: image.pixels).boxBlurred(radius: radius)
        return Image(width: image.width, height: image.height, channels: image.channels, pixels: r.values)
    }

    /// Gaussian noise of `sigma` (in sRGB-encoded 0...1 units) from a seeded generator.
    static func noisy(_ image: Image, sigma: Float, seed: UInt64) -> Image {
        var state = seed
        func uniform() -> Float {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (Float(state >> 40) + 0.5) / Float(1 << 24)
        }
        var out = image
        for i in 0..<out.pixels.count {
            let g = (-2 * logf(uniform())).squareRoot() * cosf(2 * .pi * uniform())
            out.pixels[i] = SRGB.decode(min(max(SRGB.encode(out.pixels[i]) + sigma * g, 0), 1))
        }
        return out
    }
}
