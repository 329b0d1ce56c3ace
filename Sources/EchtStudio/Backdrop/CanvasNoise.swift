/// The painted canvas's mottle (`ValueNoise.fractal`, seeded) sampled at the centre of every
/// `every`×`every` block of a `width`×`height` frame. It depends on nothing but the frame's size
/// and the reduction, so every canvas look of one framing reads the same values: the framing
/// makes them once (`FramedSubject.addingCanvasNoise`) instead of each look painting them again.
struct CanvasNoise: Sendable {
    /// The seed every painted canvas uses.
    static let seed: UInt32 = 0x5EED
    /// The frame's size the noise was sampled for.
    let width: Int, height: Int
    /// The block size the noise was sampled at (the painted backdrop's reduction).
    let every: Int
    /// One value per block, 0...1, row by row: `(width + every − 1) / every` per row.
    let values: [Float]

    /// Samples the noise for a `width`×`height` frame at the centre of every `every`×`every` block.
    init(width: Int, height: Int, every step: Int) {
        let sw = (width + step - 1) / step, sh = (height + step - 1) / step, f = Float(step), h = Float(height)
        let noise = ValueNoise(seed: Self.seed)
        var values = [Float](repeating: 0, count: sw * sh)
        for y in 0..<sh {
            let py = (Float(y) + 0.5) * f
            for x in 0..<sw {
                let px = (Float(x) + 0.5) * f
                values[y * sw + x] = noise.fractal(x: px / h, y: py / h)
            }
        }
        self.width = width; self.height = height; self.every = step; self.values = values
    }

    /// Whether this noise was sampled for a `width`×`height` frame in blocks of `every`.
    func fits(width: Int, height: Int, every: Int) -> Bool {
        self.width == width && self.height == height && self.every == every
    }
}
