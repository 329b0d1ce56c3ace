/// The sliding-window geometry shared by convolutions and pooling (batch 1, NHWC).
struct WindowedGeometry: Sendable {
    var inputHeight: Int, inputWidth: Int, channels: Int
    var kernelHeight: Int, kernelWidth: Int
    var strideHeight: Int, strideWidth: Int
    var dilationHeight: Int = 1, dilationWidth: Int = 1
    var outputHeight: Int = 0, outputWidth: Int = 0
    var padTop: Int = 0, padLeft: Int = 0

    /// Fills in output size and leading pads for SAME or VALID padding.
    mutating func resolve(same: Bool) {
        (outputHeight, padTop) = windowGeometry(input: inputHeight, kernel: kernelHeight, stride: strideHeight, dilation: dilationHeight, same: same)
        (outputWidth, padLeft) = windowGeometry(input: inputWidth, kernel: kernelWidth, stride: strideWidth, dilation: dilationWidth, same: same)
    }

    var taps: Int { kernelHeight * kernelWidth }
    var outputPixels: Int { outputHeight * outputWidth }

    /// For every output pixel and tap, the arena offset of the input pixel's channel vector, or
    /// `zeroOffset` when the tap falls into padding (XNNPACK's indirection buffer).
    func indirection(inputOffset: Int, zeroOffset: Int) -> [Int32] {
        var table = [Int32](repeating: Int32(zeroOffset), count: outputPixels * taps)
        var index = 0
        for oy in 0..<outputHeight {
            for ox in 0..<outputWidth {
                for ky in 0..<kernelHeight {
                    let iy = oy * strideHeight - padTop + ky * dilationHeight
                    for kx in 0..<kernelWidth {
                        let ix = ox * strideWidth - padLeft + kx * dilationWidth
                        if iy >= 0, iy < inputHeight, ix >= 0, ix < inputWidth {
                            table[index] = Int32(inputOffset + (iy * inputWidth + ix) * channels)
                        }
                        index += 1
                    }
                }
            }
        }
        return table
    }
}

@inline(__always)
func loadVector(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
}

@inline(__always)
func storeVector(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
}

/// `accumulator += a · b`, fused where the target has FMA (see `inferenceSettings` in Package.swift).
@inline(__always)
func multiplyAdd(_ accumulator: inout SIMD8<Float>, _ a: SIMD8<Float>, _ b: SIMD8<Float>) {
    #if ECHT_FMA
    accumulator.addProduct(a, b)
    #else
    accumulator += a * b
    #endif
}

/// Lane-wise `min(max(v, lower), upper)`.
@inline(__always)
func clamp(_ v: SIMD8<Float>, _ lower: SIMD8<Float>, _ upper: SIMD8<Float>) -> SIMD8<Float> {
    minimum(maximum(v, lower), upper)
}

/// Lane-wise maximum (the standard library's `pointwiseMax` is not inlined and costs a call per vector).
@inline(__always)
func maximum(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
    a.replacing(with: b, where: a .< b)
}

/// Lane-wise minimum.
@inline(__always)
func minimum(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
    a.replacing(with: b, where: b .< a)
}
