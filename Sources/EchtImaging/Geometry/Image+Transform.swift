import Foundation

/// How samples between pixel centres are computed.
public enum Interpolation: String, Sendable, CaseIterable {
    /// 2x2 taps.
    case bilinear
    /// 4x4 taps, Catmull-Rom (Keys a = -0.5); sharper, may ring slightly (clamped at 0).
    case bicubic
}

/// What an output pixel whose source lies outside the image receives.
public enum OutsideSamples: Sendable, Equatable {
    /// The nearest edge pixel's value.
    case clampToEdge
    /// A constant per channel (`count == channels`), e.g. transparent black for RGBA.
    case fill([Float])
}

extension Image {
    /// Resamples this image through `sourceToDestination` into a `width` x `height` image.
    ///
    /// Each output pixel centre is mapped back into the source and sampled there, in linear
    /// light with premultiplied alpha. When the map sends pixel centres to pixel centres (quarter
    /// turns, integer shifts, flips) the result is an exact copy of the source samples. For
    /// shrinking by more than 2x, `resized` first and then transform, or detail will alias.
    public func transformed(_ sourceToDestination: AffineTransform, width outputWidth: Int, height outputHeight: Int,
                            interpolation: Interpolation = .bicubic,
                            outside: OutsideSamples = .clampToEdge) throws(ImagingError) -> Image {
        guard outputWidth > 0, outputHeight > 0 else {
            throw .invalidParameter(name: "output size", expected: "a positive width and height", received: "\(outputWidth)x\(outputHeight)")
        }
        guard let inverse = sourceToDestination.inverted else {
            throw .invalidParameter(name: "transform", expected: "an invertible map", received: "\(sourceToDestination)")
        }
        var fill: [Float]? = nil
        if case .fill(let values) = outside {
            guard values.count == channels else {
                throw .invalidParameter(name: "fill", expected: "\(channels) values", received: "\(values.count)")
            }
            fill = values
        }
        let sampler = Sampler(image: self, interpolation: interpolation, fill: fill)
        let channels = self.channels
        var output = [Float](repeating: 0, count: outputWidth * outputHeight * channels)
        output.withUnsafeMutableBufferPointer { buffer in
            let base = UnsafeSendablePointer(pointer: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: outputHeight) { row in
                let rowStart = base.pointer + row * outputWidth * channels
                let y = Double(row) + 0.5
                for column in 0..<outputWidth {
                    let point = inverse.apply(x: Double(column) + 0.5, y: y)
                    sampler.sample(x: point.x - 0.5, y: point.y - 0.5, into: rowStart + column * channels)
                }
            }
        }
        if hasAlpha { Self.unpremultiply(&output) }
        var result = Image(width: outputWidth, height: outputHeight, channels: channels, pixels: output)
        if interpolation == .bicubic { result.clampNegatives() }
        return result
    }
}

/// A raw pointer that may cross into `concurrentPerform`; each iteration writes its own rows.
private struct UnsafeSendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
}

/// Interpolating reads from premultiplied samples at index-space coordinates
/// (pixel (i, j)'s centre is at (i, j)).
private struct Sampler: @unchecked Sendable {
    let samples: [Float]
    let width: Int, height: Int, channels: Int
    let interpolation: Interpolation
    let fill: [Float]?

    init(image: Image, interpolation: Interpolation, fill: [Float]?) {
        samples = image.hasAlpha ? image.premultiplied() : image.pixels
        (width, height, channels) = (image.width, image.height, image.channels)
        self.interpolation = interpolation
        if let fill, image.hasAlpha {
            self.fill = [fill[0] * fill[3], fill[1] * fill[3], fill[2] * fill[3], fill[3]]
        } else {
            self.fill = fill
        }
    }

    func sample(x: Double, y: Double, into out: UnsafeMutablePointer<Float>) {
        if let fill, x < -0.5 || y < -0.5 || x > Double(width) - 0.5 || y > Double(height) - 0.5 {
            for c in 0..<channels { out[c] = fill[c] }
            return
        }
        let x0 = Int(x.rounded(.down)), y0 = Int(y.rounded(.down))
        let fx = Float(x - Double(x0)), fy = Float(y - Double(y0))
        for c in 0..<channels { out[c] = 0 }
        switch interpolation {
        case .bilinear:
            accumulate(x0, y0, (1 - fx) * (1 - fy), out)
            if fx != 0 { accumulate(x0 + 1, y0, fx * (1 - fy), out) }
            if fy != 0 { accumulate(x0, y0 + 1, (1 - fx) * fy, out) }
            if fx != 0 && fy != 0 { accumulate(x0 + 1, y0 + 1, fx * fy, out) }
        case .bicubic:
            let wx = Self.cubicWeights(fx), wy = Self.cubicWeights(fy)
            for j in 0..<4 where wy[j] != 0 {
                for i in 0..<4 where wx[i] != 0 {
                    accumulate(x0 - 1 + i, y0 - 1 + j, wx[i] * wy[j], out)
                }
            }
        }
    }

    @inline(__always)
    private func accumulate(_ x: Int, _ y: Int, _ weight: Float, _ out: UnsafeMutablePointer<Float>) {
        let cx = min(max(x, 0), width - 1), cy = min(max(y, 0), height - 1)
        let index = (cy * width + cx) * channels
        samples.withUnsafeBufferPointer { source in
            for c in 0..<channels { out[c] += weight * source[index + c] }
        }
    }

    /// Catmull-Rom weights for taps at -1, 0, 1, 2 relative to the floor sample.
    @inline(__always)
    private static func cubicWeights(_ t: Float) -> SIMD4<Float> {
        if t == 0 { return SIMD4(0, 1, 0, 0) }
        let t2 = t * t, t3 = t2 * t
        return SIMD4(
            -0.5 * t3 + t2 - 0.5 * t,
            1.5 * t3 - 2.5 * t2 + 1,
            -1.5 * t3 + 2 * t2 + 0.5 * t,
            0.5 * t3 - 0.5 * t2
        )
    }
}
