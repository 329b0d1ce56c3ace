/// RESIZE_BILINEAR with TFLite's align_corners / half_pixel_centers rules
/// (`reference/resize_bilinear.h`); the sampling tables are computed at load time.
struct ResizeBilinear: Kernel {
    /// Per output row or column: the two source indices and the weight of the second.
    struct Axis: Sendable {
        var low: [Int], high: [Int], fraction: [Float]

        init(input: Int, output: Int, alignCorners: Bool, halfPixelCenters: Bool) {
            let scale: Float = alignCorners && output > 1 ? Float(input - 1) / Float(output - 1) : Float(input) / Float(output)
            low = []; high = []; fraction = []
            for o in 0..<output {
                let s = halfPixelCenters ? (Float(o) + 0.5) * scale - 0.5 : Float(o) * scale
                let lo = max(Int(s.rounded(.down)), 0)
                let hi = min(Int(s.rounded(.up)), input - 1)
                low.append(min(lo, input - 1))
                high.append(max(hi, 0))
                fraction.append(s - Float(lo))
            }
        }
    }

    let inputOffset: Int, outputOffset: Int, inputWidth: Int, channels: Int
    let rows: Axis, columns: Axis

    static func make(_ context: NodeContext) throws(InferenceError) -> any Kernel {
        try context.expect(inputs: 2)
        let (height, width, channels) = try context.imageShape(0)
        let size = try context.integers(1)
        guard size.count == 2, size[0] > 0, size[1] > 0, height > 0, width > 0 else {
            throw context.invalid("expected a positive [height, width] size and a non-empty input but received \(size) for \(context.inputShape(0))")
        }
        try context.checkOutput([1, size[0], size[1], channels])
        let alignCorners = try context.optionBool(2), halfPixel = try context.optionBool(3)
        return ResizeBilinear(inputOffset: try context.activation(0), outputOffset: try context.output(),
                              inputWidth: width, channels: channels,
                              rows: Axis(input: height, output: size[0], alignCorners: alignCorners, halfPixelCenters: halfPixel),
                              columns: Axis(input: width, output: size[1], alignCorners: alignCorners, halfPixelCenters: halfPixel))
    }

    func run(_ arena: UnsafeMutablePointer<Float>) {
        let input = arena + inputOffset
        var target = arena + outputOffset
        let C = channels
        for oy in rows.low.indices {
            let fy = rows.fraction[oy]
            let top = input + rows.low[oy] * inputWidth * C, bottom = input + rows.high[oy] * inputWidth * C
            for ox in columns.low.indices {
                let fx = columns.fraction[ox]
                let l = columns.low[ox] * C, r = columns.high[ox] * C
                let w00 = (1 - fy) * (1 - fx), w10 = fy * (1 - fx), w01 = (1 - fy) * fx, w11 = fy * fx
                for c in 0..<C {
                    target[c] = top[l + c] * w00 + bottom[l + c] * w10 + top[r + c] * w01 + bottom[r + c] * w11
                }
                target += C
            }
        }
    }
}

/// MediaPipe's custom `Convolution2DTransposeBias`: TRANSPOSE_CONV plus bias, inputs
/// (data NHWC, weights OHWI, bias), options a raw 12-byte `{padding, stride_w, stride_h}` with
/// TfLitePadding numbering (SAME = 1, VALID = 2).
struct TransposeConvolutionBias: Kernel {
    let inputOffset: Int, outputOffset: Int
    let height: Int, width: Int, inputChannels: Int
    let outputHeight: Int, outputWidth: Int, outputChannels: Int
    let kernelHeight: Int, kernelWidth: Int, strideHeight: Int, strideWidth: Int, top: Int, left: Int
    let weights: [Float], bias: [Float]

    static func make(_ context: NodeContext) throws(InferenceError) -> any Kernel {
        try context.expect(inputs: 3)
        let (height, width, channels) = try context.imageShape(0)
        let filterShape = context.inputShape(1)
        guard filterShape.count == 4, filterShape[3] == channels, filterShape[1] > 0, filterShape[2] > 0 else {
            throw context.invalid("expected weights of shape [O, kh, kw, \(channels)] but received \(filterShape)")
        }
        guard let range = context.op.customOptions, range.count >= 12 else { throw context.invalid("expected 12 option bytes") }
        let bytes = context.file.buffer.bytes
        func word(_ i: Int) -> Int {
            let p = range.lowerBound + 4 * i
            return Int(Int32(bitPattern: UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24))
        }
        let padding = word(0), strideWidth = word(1), strideHeight = word(2)
        guard padding == 1 || padding == 2, (1...1024).contains(strideWidth), (1...1024).contains(strideHeight), height > 0, width > 0 else {
            throw context.invalid("unsupported options padding \(padding), strides \(strideWidth)×\(strideHeight) for input \(context.inputShape(0))")
        }
        let kh = filterShape[1], kw = filterShape[2], outputChannels = filterShape[0]
        let padH = padding == 1 ? max(0, kh - (height - 1) % strideHeight - 1) : 0
        let padW = padding == 1 ? max(0, kw - (width - 1) % strideWidth - 1) : 0
        let outputHeight = strideHeight * (height - 1) + kh - padH, outputWidth = strideWidth * (width - 1) + kw - padW
        try context.checkOutput([1, outputHeight, outputWidth, outputChannels])
        let bias = try context.constant(2)
        guard bias.count == outputChannels else { throw context.invalid("expected \(outputChannels) bias values but received \(bias.count)") }
        return TransposeConvolutionBias(
            inputOffset: try context.activation(0), outputOffset: try context.output(),
            height: height, width: width, inputChannels: channels,
            outputHeight: outputHeight, outputWidth: outputWidth, outputChannels: outputChannels,
            kernelHeight: kh, kernelWidth: kw, strideHeight: strideHeight, strideWidth: strideWidth,
            top: padH / 2, left: padW / 2, weights: try context.constant(1), bias: bias)
    }

    func run(_ arena: UnsafeMutablePointer<Float>) {
        let input = arena + inputOffset, output = arena + outputOffset
        let Co = outputChannels, Ci = inputChannels
        for p in 0..<(outputHeight * outputWidth) {
            for o in 0..<Co { output[p * Co + o] = bias[o] }
        }
        weights.withUnsafeBufferPointer { w in
            for y in 0..<height {
                for x in 0..<width {
                    let source = input + (y * width + x) * Ci
                    for ky in 0..<kernelHeight {
                        let oy = y * strideHeight - top + ky
                        guard oy >= 0, oy < outputHeight else { continue }
                        for kx in 0..<kernelWidth {
                            let ox = x * strideWidth - left + kx
                            guard ox >= 0, ox < outputWidth else { continue }
                            let target = output + (oy * outputWidth + ox) * Co
                            for o in 0..<Co {
                                let row = w.baseAddress! + ((o * kernelHeight + ky) * kernelWidth + kx) * Ci
                                var sum: Float = 0
                                for i in 0..<Ci { sum += source[i] * row[i] }
                                target[o] += sum
                            }
                        }
                    }
                }
            }
        }
    }
}
