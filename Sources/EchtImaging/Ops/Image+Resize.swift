import CVipsShim

/// The filter used to resample an image.
public enum ResizeKernel: String, Sendable, CaseIterable {
    case nearest, linear, cubic, lanczos3

    var vipsKernel: Int32 {
        switch self {
        case .nearest: Int32(ECHT_KERNEL_NEAREST)
        case .linear: Int32(ECHT_KERNEL_LINEAR)
        case .cubic: Int32(ECHT_KERNEL_CUBIC)
        case .lanczos3: Int32(ECHT_KERNEL_LANCZOS3)
        }
    }
}

extension Image {
    /// This image resampled to exactly `width` x `height` (libvips `resize`, default Lanczos-3),
    /// in linear light with premultiplied alpha. Ringing below zero is clamped to 0.
    public func resized(width newWidth: Int, height newHeight: Int, kernel: ResizeKernel = .lanczos3) throws(ImagingError) -> Image {
        guard newWidth > 0, newHeight > 0 else {
            throw .invalidParameter(name: "size", expected: "a positive width and height", received: "\(newWidth)x\(newHeight)")
        }
        if newWidth == width && newHeight == height { return self }
        let source = try vipsImage(premultiply: true, source: "resize")
        // Aim a hair above the exact ratio so libvips' rounding lands on the requested size.
        let horizontal = (Double(newWidth) + 1e-6) / Double(width)
        let vertical = (Double(newHeight) + 1e-6) / Double(height)
        let scaled = try source.resized(horizontal: horizontal, vertical: vertical, kernel: kernel.vipsKernel)
        var result = try Image(vips: scaled, premultiplied: true)
        guard result.width == newWidth, result.height == newHeight else {
            throw .operationFailed(operation: "resize", source: "\(width)x\(height) image",
                                   detail: "produced \(result.width)x\(result.height) instead of \(newWidth)x\(newHeight)")
        }
        result.clampNegatives()
        return result
    }

    /// This image scaled by `factor` in both directions (size rounded to whole pixels, at least 1).
    public func resized(by factor: Double, kernel: ResizeKernel = .lanczos3) throws(ImagingError) -> Image {
        guard factor > 0, factor.isFinite else {
            throw .invalidParameter(name: "factor", expected: "a positive number", received: String(factor))
        }
        return try resized(width: max(1, Int((Double(width) * factor).rounded())),
                           height: max(1, Int((Double(height) * factor).rounded())), kernel: kernel)
    }

    /// Sets negative samples (filter ringing) to zero.
    mutating func clampNegatives() {
        pixels.withUnsafeMutableBufferPointer { buffer in
            for i in 0..<buffer.count where buffer[i] < 0 { buffer[i] = 0 }
        }
    }
}
