import EchtImaging

/// Keeps only the people whose faces were found: the selfie model marks every person
/// (bystanders, photographers in the background); a headshot wants the subject(s) only.
enum SubjectMask {
    /// The coarse mask with every connected region (cells above 0.5, 4-connected) that holds
    /// none of `faceCentres` (image pixels) cleared, together with a 2-cell fringe around it
    /// that belongs to no kept region. Returns the mask unchanged when no face lands on a region.
    static func keepingSubjects(_ mask: Image, faceCentres: [SIMD2<Float>], imageWidth: Int, imageHeight: Int) -> Image {
        let w = mask.width, h = mask.height
        var label = [Int](repeating: -1, count: w * h)
        var next = 0
        for start in 0..<(w * h) where label[start] < 0 && mask.pixels[start] > 0.5 {
            var stack = [start]
            label[start] = next
            while let i = stack.popLast() {
                let x = i % w, y = i / w
                for (nx, ny) in [(x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1)] where nx >= 0 && ny >= 0 && nx < w && ny < h {
                    let j = ny * w + nx
                    if label[j] < 0 && mask.pixels[j] > 0.5 { label[j] = next; stack.append(j) }
                }
            }
            next += 1
        }
        var keep = Set<Int>()
        for c in faceCentres {
            let x = min(max(Int(c.x / Float(imageWidth) * Float(w)), 0), w - 1)
            let y = min(max(Int(c.y / Float(imageHeight) * Float(h)), 0), h - 1)
            // The face centre may sit on a hole (glasses, open mouth): look in a small window.
            search: for r in 0...4 {
                for dy in -r...r {
                    for dx in -r...r {
                        let xx = x + dx, yy = y + dy
                        if xx >= 0, yy >= 0, xx < w, yy < h, label[yy * w + xx] >= 0 { keep.insert(label[yy * w + xx]); break search }
                    }
                }
            }
        }
        guard !keep.isEmpty else { return mask }
        var out = mask
        var kept = [Bool](repeating: false, count: w * h)
        for i in 0..<(w * h) where label[i] >= 0 && keep.contains(label[i]) { kept[i] = true }
        // Distance (Chebyshev, capped at 3) to a kept cell decides the fringe.
        for i in 0..<(w * h) where !kept[i] && mask.pixels[i] > 0 {
            let removed = label[i] >= 0
            var nearKept = false, nearRemoved = removed
            let x = i % w, y = i / w
            for dy in -2...2 {
                for dx in -2...2 {
                    let xx = x + dx, yy = y + dy
                    guard xx >= 0, yy >= 0, xx < w, yy < h else { continue }
                    let j = yy * w + xx
                    if kept[j] { nearKept = true } else if label[j] >= 0 { nearRemoved = true }
                }
            }
            if removed || (nearRemoved && !nearKept) { out.pixels[i] = 0 }
        }
        return out
    }
}
