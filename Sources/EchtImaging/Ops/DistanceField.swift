/// Approximate Euclidean distances on the pixel grid (two chamfer passes, steps 1 and √2),
/// shared by the matte's bystander cut and the studio's edge-fringe correction.
public enum DistanceField {
    /// For each pixel where `member` is true, the distance to the nearest pixel where it is not
    /// (infinity when there is none); 0 elsewhere. The image's own border does not count: off the
    /// image every pixel is a member.
    public static func chamfer(_ member: [Bool], width: Int, height: Int) -> [Float] {
        precondition(member.count == width * height, "one flag per pixel")
        let far = Float.infinity, diagonal = Float(2).squareRoot(), pw = width + 2
        // Padded by one pixel of `far` all round, so the passes need no bounds checks.
        var padded = [Float](repeating: far, count: pw * (height + 2))
        padded.withUnsafeMutableBufferPointer { d in
            member.withUnsafeBufferPointer { m in
                for y in 0..<height {
                    for x in 0..<width where !m[y * width + x] { d[(y + 1) * pw + x + 1] = 0 }
                }
            }
            let p = d.baseAddress!
            for y in 1...height {
                var i = y * pw + 1
                for _ in 0..<width {
                    if p[i] > 0 {
                        p[i] = min(p[i], p[i - 1] + 1, p[i - pw] + 1, p[i - pw - 1] + diagonal, p[i - pw + 1] + diagonal)
                    }
                    i += 1
                }
            }
            for y in stride(from: height, through: 1, by: -1) {
                var i = y * pw + width
                for _ in 0..<width {
                    if p[i] > 0 {
                        p[i] = min(p[i], p[i + 1] + 1, p[i + pw] + 1, p[i + pw + 1] + diagonal, p[i + pw - 1] + diagonal)
                    }
                    i -= 1
                }
            }
        }
        return [Float](unsafeUninitializedCapacity: width * height) { out, count in
            padded.withUnsafeBufferPointer { d in
                for y in 0..<height {
                    for x in 0..<width { out[y * width + x] = d[(y + 1) * pw + x + 1] }
                }
            }
            count = width * height
        }
    }
}
