/// MediaPipe's custom `Convolution2DTransposeBias`: TRANSPOSE_CONV plus bias, inputs
/// (data NHWC, weights OHWI, bias), options a raw 12-byte `{padding, stride_w, stride_h}` with
/// TfLitePadding numbering (SAME = 1, VALID = 2).
struct TransposeConvolutionBias: Kernel {
    let inputOffset: Int, outputOffset: Int
    let height: Int, width: Int, inputChannels: Int
    let outputHeight: Int, outputWidth: Int, outputChannels: Int
    let kernelHeight: Int, kernelWidth: Int, strideHeight: Int, strideWidth: Int, top: Int, left: Int
    /// Weights regrouped from OHWI to `[tap][o][Ci]`, so each tap reads one contiguous block.
    let tapWeights: [Float]
    let bias: [Float]

    init(inputOffset: Int, outputOffset: Int, height: Int, width: Int, inputChannels: Int,
         outputHeight: Int, outputWidth: Int, outputChannels: Int, kernelHeight: Int, kernelWidth: Int,
         strideHeight: Int, strideWidth: Int, top: Int, left: Int, weights: [Float], bias: [Float]) {
        (self.inputOffset, self.outputOffset, self.height, self.width, self.inputChannels) = (inputOffset, outputOffset, height, width, inputChannels)
        (self.outputHeight, self.outputWidth, self.outputChannels) = (outputHeight, outputWidth, outputChannels)
        (self.kernelHeight, self.kernelWidth, self.strideHeight, self.strideWidth, self.top, self.left) = (kernelHeight, kernelWidth, strideHeight, strideWidth, top, left)
        self.bias = bias
        let taps = kernelHeight * kernelWidth
        var regrouped = [Float](repeating: 0, count: weights.count)
        for o in 0..<outputChannels {
            for t in 0..<taps {
                for i in 0..<inputChannels {
                    regrouped[(t * outputChannels + o) * inputChannels + i] = weights[(o * taps + t) * inputChannels + i]
                }
            }
        }
        tapWeights = regrouped
    }

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

    var storageBytes: Int { (tapWeights.count + bias.count) * 4 }

    func run(_ arena: UnsafeMutablePointer<Float>) {
        let input = arena + inputOffset, output = arena + outputOffset
        let Co = outputChannels, Ci = inputChannels
        for p in 0..<(outputHeight * outputWidth) {
            for o in 0..<Co { output[p * Co + o] = bias[o] }
        }
        tapWeights.withUnsafeBufferPointer { w in
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
                            let tapBase = w.baseAddress! + (ky * kernelWidth + kx) * Co * Ci
                            for o in 0..<Co {
                                let row = tapBase + o * Ci
                                var acc = SIMD8<Float>()
                                var i = 0
                                while i + 8 <= Ci {
                                    multiplyAdd(&acc, loadVector(source + i), loadVector(row + i))
                                    i += 8
                                }
                                var sum = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]))
                                while i < Ci {
                                    sum += source[i] * row[i]
                                    i += 1
                                }
                                target[o] += sum
                            }
                        }
                    }
                }
            }
        }
    }
}
