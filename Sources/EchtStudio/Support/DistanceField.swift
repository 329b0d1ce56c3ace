/// Approximate Euclidean distances on the pixel grid (two chamfer passes, steps 1 and √2).
enum DistanceField {
    /// For each pixel where `member` holds, the distance to the nearest pixel where it does not
    /// (the image's own border does not count: off the image every pixel is a member); 0 elsewhere.
    static func chamfer(width: Int, height: Int, member: (Int) -> Bool) -> [Float] {
        let far = Float(width + height), diagonal = Float(2).squareRoot()
        var d = [Float](repeating: 0, count: width * height)
        for i in 0..<(width * height) where member(i) { d[i] = far }
        d.withUnsafeMutableBufferPointer { d in
            func at(_ x: Int, _ y: Int) -> Float { x < 0 || y < 0 || x >= width || y >= height ? far : d[y * width + x] }
            for y in 0..<height {
                for x in 0..<width where d[y * width + x] > 0 {
                    let v = min(d[y * width + x], at(x - 1, y) + 1, at(x, y - 1) + 1,
                                at(x - 1, y - 1) + diagonal, at(x + 1, y - 1) + diagonal)
                    d[y * width + x] = v
                }
            }
            for y in stride(from: height - 1, through: 0, by: -1) {
                for x in stride(from: width - 1, through: 0, by: -1) where d[y * width + x] > 0 {
                    let v = min(d[y * width + x], at(x + 1, y) + 1, at(x, y + 1) + 1,
                                at(x + 1, y + 1) + diagonal, at(x - 1, y + 1) + diagonal)
                    d[y * width + x] = v
                }
            }
        }
        return d
    }
}
