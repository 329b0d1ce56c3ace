/// CONV_2D: direct convolution over an indirection buffer with weights repacked into
/// 16-channel panels `[block][tap][inC][16]`, computing 6 pixels × 16 channels per step
/// (8-channel panels and 8 pixels × 8 channels when there are at most 8 output channels).
struct Conv2D: Kernel {
    static let panel = 16
    let pixels: Int, taps: Int, inputChannels: Int, outputChannels: Int
    let indirection: [Int32]
    let weights: [Float]
    let bias: [Float]
    /// Per-channel factors for negative results (a fused PRELU), 1 otherwise; padded like `bias`.
    let slopes: [Float]
    let outputOffset: Int
    let lower: Float, upper: Float
    let activation: Activation

    static func make(_ context: NodeContext) throws(InferenceError) -> any Kernel {
        try context.expect(inputs: 2, 3)
        let (height, width, channels) = try context.imageShape(0)
        let filterShape = context.inputShape(1)
        guard filterShape.count == 4, filterShape[3] == channels, filterShape[0] > 0 else {
            throw context.invalid("expected filter of shape [O, kh, kw, \(channels)] but received \(filterShape)")
        }
        var geometry = WindowedGeometry(
            inputHeight: height, inputWidth: width, channels: channels,
            kernelHeight: filterShape[1], kernelWidth: filterShape[2],
            strideHeight: try context.positiveOption(2, "stride_h"), strideWidth: try context.positiveOption(1, "stride_w"),
            dilationHeight: try context.positiveOption(5, "dilation_h"), dilationWidth: try context.positiveOption(4, "dilation_w"))
        context.resolve(&geometry, same: try context.paddingIsSame(0))
        guard geometry.outputPixels * geometry.taps <= ModelFile.maximumElements else {
            throw context.invalid("a \(geometry.kernelHeight)×\(geometry.kernelWidth) window over \(geometry.outputPixels) output pixels is too large")
        }
        let outputChannels = filterShape[0]
        try context.checkOutput([1, geometry.outputHeight, geometry.outputWidth, outputChannels])
        let filter = try context.constant(1)
        let bias = context.op.inputs.count > 2 ? try context.constant(2) : [Float](repeating: 0, count: outputChannels)
        guard bias.count == outputChannels else { throw context.invalid("expected \(outputChannels) bias values but received \(bias.count)") }
        return Conv2D(geometry: geometry, filter: filter, bias: bias, outputChannels: outputChannels,
                      inputOffset: try context.activation(0), zeroOffset: context.zeroOffset,
                      outputOffset: try context.output(), activation: try context.activationOption(3),
                      slopes: try context.negativeSlopes(channels: outputChannels))
    }

    /// Prepares a convolution; `filter` is OHWI `[outputChannels][taps][inputChannels]`.
    init(geometry: WindowedGeometry, filter: [Float], bias: [Float], outputChannels: Int,
         inputOffset: Int, zeroOffset: Int, outputOffset: Int, activation: Activation, slopes: [Float]? = nil) {
        let taps = geometry.taps, inputChannels = geometry.channels
        let panel = outputChannels <= 8 ? 8 : Self.panel
        let blocks = (outputChannels + panel - 1) / panel
        var packed = [Float](repeating: 0, count: blocks * taps * inputChannels * panel)
        for o in 0..<outputChannels {
            let block = o / panel, lane = o % panel
            for t in 0..<taps {
                for i in 0..<inputChannels {
                    packed[((block * taps + t) * inputChannels + i) * panel + lane] = filter[(o * taps + t) * inputChannels + i]
                }
            }
        }
        var paddedBias = [Float](repeating: 0, count: max(blocks * panel, 16))
        paddedBias.replaceSubrange(0..<outputChannels, with: bias)
        self.pixels = geometry.outputPixels
        self.taps = taps
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
        self.indirection = geometry.indirection(inputOffset: inputOffset, zeroOffset: zeroOffset)
        self.weights = packed
        self.bias = paddedBias
        var paddedSlopes = [Float](repeating: 1, count: max(blocks * panel, 16))
        if let slopes { paddedSlopes.replaceSubrange(0..<outputChannels, with: slopes) }
        self.slopes = paddedSlopes
        self.outputOffset = outputOffset
        self.activation = activation
        (lower, upper) = activation.bounds
    }

    var summary: String { "\(pixels) px, \(taps) taps, \(inputChannels)→\(outputChannels)" }

    var storageBytes: Int { (weights.count + bias.count + indirection.count) * 4 }

    var parallelWork: Int { pixels * taps * inputChannels * outputChannels }

    func run(_ arena: UnsafeMutablePointer<Float>) {
        run(arena, slice: 0, of: 1)
    }

    func run(_ arena: UnsafeMutablePointer<Float>, slice: Int, of slices: Int) {
        let range = pixelRange(pixels, slice: slice, of: slices, multiple: 8)
        guard !range.isEmpty else { return }
        indirection.withUnsafeBufferPointer { indirection in
            weights.withUnsafeBufferPointer { weights in
                bias.withUnsafeBufferPointer { bias in
                    slopes.withUnsafeBufferPointer { slopes in
                        if outputChannels <= 8 {
                            computeNarrow(arena, indirection.baseAddress!, weights.baseAddress!, bias.baseAddress!, slopes.baseAddress!,
                                          range.lowerBound, range.upperBound)
                        } else {
                            compute(arena, indirection.baseAddress!, weights.baseAddress!, bias.baseAddress!, slopes.baseAddress!,
                                    range.lowerBound, range.upperBound)
                        }
                    }
                }
            }
        }
        if activation == .tanh {
            activation.apply(arena + outputOffset + range.lowerBound * outputChannels, count: range.count * outputChannels)
        }
    }

    /// At most 8 output channels: one 8-lane panel, 8 pixels per step.
    private func computeNarrow(_ arena: UnsafeMutablePointer<Float>, _ indirection: UnsafePointer<Int32>,
                               _ weights: UnsafePointer<Float>, _ bias: UnsafePointer<Float>, _ slopes: UnsafePointer<Float>,
                               _ first: Int, _ end: Int) {
        let taps = self.taps, inC = inputChannels, outC = outputChannels
        let lo = SIMD8<Float>(repeating: lower), hi = SIMD8<Float>(repeating: upper)
        let b = loadVector(bias), slope = loadVector(slopes)
        let output = arena + outputOffset
        func finish(_ v: SIMD8<Float>, _ target: UnsafeMutablePointer<Float>) {
            var r = clamp(v, lo, hi)
            r.replace(with: r * slope, where: r .< 0)
            if outC == 8 { storeVector(r, target) } else { for lane in 0..<outC { target[lane] = r[lane] } }
        }
        var p = first
        while p < end && end - first >= 8 {
            let q = min(p, end - 8)
            var a0 = b, a1 = b, a2 = b, a3 = b, a4 = b, a5 = b, a6 = b, a7 = b
            var w = weights
            let rows = indirection + q * taps
            for t in 0..<taps {
                let x0 = UnsafePointer(arena + Int(rows[t])), x1 = UnsafePointer(arena + Int(rows[taps + t]))
                let x2 = UnsafePointer(arena + Int(rows[2 * taps + t])), x3 = UnsafePointer(arena + Int(rows[3 * taps + t]))
                let x4 = UnsafePointer(arena + Int(rows[4 * taps + t])), x5 = UnsafePointer(arena + Int(rows[5 * taps + t]))
                let x6 = UnsafePointer(arena + Int(rows[6 * taps + t])), x7 = UnsafePointer(arena + Int(rows[7 * taps + t]))
                for i in 0..<inC {
                    let wv = loadVector(w)
                    multiplyAdd(&a0, SIMD8(repeating: x0[i]), wv); multiplyAdd(&a1, SIMD8(repeating: x1[i]), wv)
                    multiplyAdd(&a2, SIMD8(repeating: x2[i]), wv); multiplyAdd(&a3, SIMD8(repeating: x3[i]), wv)
                    multiplyAdd(&a4, SIMD8(repeating: x4[i]), wv); multiplyAdd(&a5, SIMD8(repeating: x5[i]), wv)
                    multiplyAdd(&a6, SIMD8(repeating: x6[i]), wv); multiplyAdd(&a7, SIMD8(repeating: x7[i]), wv)
                    w += 8
                }
            }
            let base = output + q * outC
            finish(a0, base); finish(a1, base + outC); finish(a2, base + 2 * outC); finish(a3, base + 3 * outC)
            finish(a4, base + 4 * outC); finish(a5, base + 5 * outC); finish(a6, base + 6 * outC); finish(a7, base + 7 * outC)
            p += 8
        }
        while p < end {
            var a = b
            var w = weights
            for t in 0..<taps {
                let x = UnsafePointer(arena + Int(indirection[p * taps + t]))
                for i in 0..<inC {
                    multiplyAdd(&a, SIMD8(repeating: x[i]), loadVector(w))
                    w += 8
                }
            }
            finish(a, output + p * outC)
            p += 1
        }
    }

    @inline(__always)
    private func compute(_ arena: UnsafeMutablePointer<Float>, _ indirection: UnsafePointer<Int32>,
                         _ weights: UnsafePointer<Float>, _ bias: UnsafePointer<Float>, _ slopes: UnsafePointer<Float>,
                         _ first: Int, _ end: Int) {
        let panel = Self.panel, taps = self.taps, inC = inputChannels, outC = outputChannels
        let lo = SIMD8<Float>(repeating: lower), hi = SIMD8<Float>(repeating: upper)
        let output = arena + outputOffset
        var block = 0
        while block * panel < outC {
            let lanes = min(panel, outC - block * panel)
            let blockWeights = weights + block * taps * inC * panel
            let b0 = loadVector(bias + block * panel), b1 = loadVector(bias + block * panel + 8)
            let s = (loadVector(slopes + block * panel), loadVector(slopes + block * panel + 8))
            var p = first
            // The last partial block is shifted back to overlap the previous one (same values rewritten).
            while p < end && end - first >= 6 {
                let q = min(p, end - 6)
                var a00 = b0, a01 = b1, a10 = b0, a11 = b1, a20 = b0, a21 = b1
                var a30 = b0, a31 = b1, a40 = b0, a41 = b1, a50 = b0, a51 = b1
                var w = blockWeights
                let rows = indirection + q * taps
                for t in 0..<taps {
                    let x0 = UnsafePointer(arena + Int(rows[t])), x1 = UnsafePointer(arena + Int(rows[taps + t]))
                    let x2 = UnsafePointer(arena + Int(rows[2 * taps + t])), x3 = UnsafePointer(arena + Int(rows[3 * taps + t]))
                    let x4 = UnsafePointer(arena + Int(rows[4 * taps + t])), x5 = UnsafePointer(arena + Int(rows[5 * taps + t]))
                    for i in 0..<inC {
                        let w0 = loadVector(w), w1 = loadVector(w + 8)
                        var v = SIMD8<Float>(repeating: x0[i])
                        multiplyAdd(&a00, v, w0); multiplyAdd(&a01, v, w1)
                        v = SIMD8<Float>(repeating: x1[i])
                        multiplyAdd(&a10, v, w0); multiplyAdd(&a11, v, w1)
                        v = SIMD8<Float>(repeating: x2[i])
                        multiplyAdd(&a20, v, w0); multiplyAdd(&a21, v, w1)
                        v = SIMD8<Float>(repeating: x3[i])
                        multiplyAdd(&a30, v, w0); multiplyAdd(&a31, v, w1)
                        v = SIMD8<Float>(repeating: x4[i])
                        multiplyAdd(&a40, v, w0); multiplyAdd(&a41, v, w1)
                        v = SIMD8<Float>(repeating: x5[i])
                        multiplyAdd(&a50, v, w0); multiplyAdd(&a51, v, w1)
                        w += panel
                    }
                }
                let base = output + q * outC + block * panel
                Self.store(a00, a01, base, lanes, lo, hi, s)
                Self.store(a10, a11, base + outC, lanes, lo, hi, s)
                Self.store(a20, a21, base + 2 * outC, lanes, lo, hi, s)
                Self.store(a30, a31, base + 3 * outC, lanes, lo, hi, s)
                Self.store(a40, a41, base + 4 * outC, lanes, lo, hi, s)
                Self.store(a50, a51, base + 5 * outC, lanes, lo, hi, s)
                p += 6
            }
            while p < end {
                var a0 = b0, a1 = b1
                var w = blockWeights
                for t in 0..<taps {
                    let x = UnsafePointer(arena + Int(indirection[p * taps + t]))
                    for i in 0..<inC {
                        let v = SIMD8<Float>(repeating: x[i])
                        multiplyAdd(&a0, v, loadVector(w)); multiplyAdd(&a1, v, loadVector(w + 8))
                        w += panel
                    }
                }
                Self.store(a0, a1, output + p * outC + block * panel, lanes, lo, hi, s)
                p += 1
            }
            block += 1
        }
    }

    @inline(__always)
    static func store(_ a: SIMD8<Float>, _ b: SIMD8<Float>, _ target: UnsafeMutablePointer<Float>, _ lanes: Int,
                      _ lo: SIMD8<Float>, _ hi: SIMD8<Float>, _ slopes: (SIMD8<Float>, SIMD8<Float>)) {
        var a = clamp(a, lo, hi), b = clamp(b, lo, hi)
        a.replace(with: a * slopes.0, where: a .< 0)
        b.replace(with: b * slopes.1, where: b .< 0)
        if lanes == 16 {
            storeVector(a, target)
            storeVector(b, target + 8)
        } else {
            for lane in 0..<lanes { target[lane] = lane < 8 ? a[lane] : b[lane - 8] }
        }
    }
}
