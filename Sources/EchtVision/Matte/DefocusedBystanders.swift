import EchtImaging

/// Removes out-of-focus people from a sharp subject's mask: the selfie model marks blurred
/// bystanders (photographers behind the subject) as person, and where they touch the subject
/// no face split can remove them. What goes is a large connected area of out-of-focus,
/// textured person cells (`DefocusMap`) away from the face that reaches the mask's outline
/// (smooth skin and soft fabric of the subject read soft in small patches among sharp ones,
/// or inside the body, and stay), with the flat or soft areas lying mostly against it and the
/// outline (a bystander's dark hair). The cells only say what goes; where it ends is cut at
/// the grid's pixels along the subject's sharp outline (`BystanderCut`).
enum DefocusedBystanders {
    /// Cells nearer the face centre than this many face sizes stay out of the soft areas that go.
    static let faceClearance: Float = 0.6
    /// Cells nearer the face centre than this many face sizes never join them (`joiningFlatAreas`).
    static let joinClearance: Float = 0.3
    /// Smallest area (in face areas) of a soft area that goes.
    static let smallestArea: Float = 0.2
    /// Largest share of sharp cells around a soft area that goes: the subject's own soft
    /// fabric lies among sharp creases and edges, a blurred bystander among blur.
    static let sharpBorderShare: Float = 0.2
    /// Share of a cell the mask must cover for the cell to be person.
    static let personShare: Float = 0.5
    /// Ratio at or above which a textured cell is in focus.
    static let sharpCell: Float = 0.25
    /// Ratio at or above which a textured cell never joins what goes.
    static let joinRatio: Float = 0.15
    /// Least share of a flat area's neighbours that must go or be outline for it to go too.
    static let joinShare: Float = 0.6
    /// Largest flat area (in face areas) that joins.
    static let largestJoin: Float = 1.5

    /// Largest share of sharp grid pixels (`BystanderCut.sharpness` ≥ 0.5) of a mask cell the
    /// cut lowers for its outline to be plain: no photo edge there, only blur and flat dark.
    static let plainSharpShare: Float = 0.25
    /// Cells nearer the face centre than this many face sizes are never plain: the ear, beard
    /// and hair beside a cut bystander keep the photo's edge.
    static let plainClearance: Float = 0.8

    /// `mask` (covering photo rectangle `region` of a photo `photoWidth` wide, already
    /// the subject's share) with the blurred people removed, and whether anything was; `face` is
    /// the subject's detection box. `plain` marks the mask cells the cut lowered where the
    /// photo has no sharp edge (see `MatteRefiner.prepare`).
    static func removing(from mask: Image, map: DefocusMap, region: PixelRect, photoWidth: Int,
                         face: PixelRect) -> (mask: Image, removed: Bool, plain: [Bool]) {
        let cells = bystanderCells(mask: mask, map: map, region: region, photoWidth: photoWidth, face: face)
        guard cells.contains(true) else { return (mask, false, []) }
        let w = mask.width, h = mask.height, gw = map.gridWidth, gh = map.gridHeight
        // The mask cell under each grid pixel.
        let column = (0..<gw).map { min(Int((Float($0) + 0.5) * map.scale / region.width * Float(w)), w - 1) }
        let row = (0..<gh).map { min(Int((Float($0) + 0.5) * map.scale / region.height * Float(h)), h - 1) }
        var person = [Bool](repeating: false, count: gw * gh)
        for y in 0..<gh { for x in 0..<gw { person[y * gw + x] = mask.pixels[row[y] * w + column[x]] >= SubjectPartition.reach } }
        func grid(_ v: Float, _ origin: Float, _ count: Int) -> Int { min(max(Int((v - origin) / map.scale), 0), count - 1) }
        let faceGrid = (x0: grid(face.minX, region.minX, gw), y0: grid(face.minY, region.minY, gh),
                        x1: grid(face.maxX, region.minX, gw), y1: grid(face.maxY, region.minY, gh))
        let (removed, sharpness) = BystanderCut.removed(cells: cells, person: person, map: map, face: faceGrid)
        // Each mask cell keeps the share of its grid pixels that stay: the refiner re-snaps the
        // cut, now part of the outline, to the photo where its colours tell.
        var gone = [Float](repeating: 0, count: w * h), total = gone, sharp = gone
        for y in 0..<gh {
            for x in 0..<gw {
                let c = row[y] * w + column[x]
                total[c] += 1
                if removed[y * gw + x] { gone[c] += 1 }
                if sharpness[y * gw + x] >= 0.5 { sharp[c] += 1 }
            }
        }
        var out = mask
        for c in 0..<(w * h) where gone[c] > 0 { out.pixels[c] *= 1 - gone[c] / total[c] }
        let kept = keepingHead(out, region: region, face: face)
        let size = max(face.width, face.height, 1)
        let plain = (0..<(w * h)).map { c in
            let dx = region.minX + (Float(c % w) + 0.5) * region.width / Float(w) - face.center.x
            let dy = region.minY + (Float(c / w) + 0.5) * region.height / Float(h) - face.center.y
            return kept.pixels[c] < mask.pixels[c] && sharp[c] <= plainSharpShare * total[c]
                && (dx * dx + dy * dy).squareRoot() >= plainClearance * size
        }
        return (kept, true, plain)
    }

    /// Per map cell, whether it belongs to a blurred person that goes.
    static func bystanderCells(mask: Image, map: DefocusMap, region: PixelRect, photoWidth: Int,
                               face: PixelRect) -> [Bool] {
        let n = map.width * map.height
        let person = coverage(of: mask, map: map, region: region)
        let cell = region.width / Float(map.width)
        let size = max(face.width, face.height, 1)
        var candidate = [Bool](repeating: false, count: n), near = [Float](repeating: 0, count: n)
        for i in 0..<n {
            let px = region.minX + (Float(i % map.width) + 0.5) * cell, py = region.minY + (Float(i / map.width) + 0.5) * cell
            let dx = px - face.center.x, dy = py - face.center.y
            near[i] = (dx * dx + dy * dy).squareRoot() / size
            candidate[i] = person[i] >= personShare && map.isSoft(i) && near[i] >= faceClearance
        }
        // The region's sides and top are outline where they are the photo's edges.
        let leftEdge = region.minX < 1, rightEdge = region.maxX > Float(photoWidth) - 1, topEdge = region.minY < 1
        let smallest = Int((smallestArea * size * size / (cell * cell)).rounded(.up))
        var seen = [Bool](repeating: false, count: n)
        var out = [Bool](repeating: false, count: n)
        for start in 0..<n where candidate[start] && !seen[start] {
            var outline = 0, sharpBorder = 0, border = 0
            let component = Self.component(from: start, of: candidate, width: map.width, height: map.height, seen: &seen) { xx, yy, j in
                guard let j else {
                    if (xx < 0 && leftEdge) || (xx >= map.width && rightEdge) || (xx >= 0 && xx < map.width && yy < 0 && topEdge) { outline += 1 }
                    return
                }
                if person[j] < personShare { outline += 1 } else {
                    border += 1
                    if map.contrast[j] >= DefocusMap.flatContrast && map.ratio[j] >= sharpCell { sharpBorder += 1 }
                }
            }
            if outline > 0 && component.count >= smallest && Float(sharpBorder) < sharpBorderShare * Float(border) { for i in component { out[i] = true } }
        }
        guard out.contains(true) else { return out }
        return joiningFlatAreas(to: out, person: person, near: near, map: map, cellsPerFaceArea: size * size / (cell * cell))
    }

    /// `out` (cells that go) with the flat or soft person areas that lie mostly against them and
    /// the outline: a bystander's dark hair is flat, neither soft nor sharp. `near` is each
    /// cell's distance from the face centre in face sizes.
    static func joiningFlatAreas(to out: [Bool], person: [Float], near: [Float], map: DefocusMap,
                                 cellsPerFaceArea: Float) -> [Bool] {
        let n = map.width * map.height
        // Flat or soft areas (dark blurred hair) lying mostly against what goes and the outline go too.
        let joinable = (0..<n).map { i in
            person[i] >= personShare && !out[i] && near[i] >= joinClearance
                && !(map.contrast[i] >= DefocusMap.flatContrast && map.ratio[i] >= joinRatio)
        }
        var joined = out
        var seen = [Bool](repeating: false, count: n)
        for start in 0..<n where joinable[start] && !seen[start] {
            var gone = 0, outline = 0, border = 0
            let component = Self.component(from: start, of: joinable, width: map.width, height: map.height, seen: &seen) { _, _, j in
                guard let j else { outline += 1; return }
                if out[j] { gone += 1 } else if person[j] < personShare { outline += 1 } else { border += 1 }
            }
            let share = Float(gone + outline) / Float(max(1, gone + outline + border))
            if gone > 0 && share >= joinShare && Float(component.count) <= largestJoin * cellsPerFaceArea {
                for i in component { joined[i] = true }
            }
        }
        return joined
    }

    /// The 8-connected component of `start` among the cells where `member` holds (marked in
    /// `seen`). `step` sees every step from a component cell to a cell outside it: the
    /// neighbour's grid position and its index, nil when the step leaves the grid.
    static func component(from start: Int, of member: [Bool], width w: Int, height h: Int, seen: inout [Bool],
                          step: (_ x: Int, _ y: Int, _ index: Int?) -> Void) -> [Int] {
        var component = [start], k = 0
        seen[start] = true
        while k < component.count {
            let i = component[k]; k += 1
            let x = i % w, y = i / w
            for dy in -1...1 {
                for dx in -1...1 where dx != 0 || dy != 0 {
                    let xx = x + dx, yy = y + dy
                    guard xx >= 0, yy >= 0, xx < w, yy < h else { step(xx, yy, nil); continue }
                    let j = yy * w + xx
                    if member[j] { if !seen[j] { seen[j] = true; component.append(j) } } else { step(xx, yy, j) }
                }
            }
        }
        return component
    }

    /// Per map cell, the mean mask value over the mask pixels whose centres fall in it.
    static func coverage(of mask: Image, map: DefocusMap, region: PixelRect) -> [Float] {
        var sum = [Float](repeating: 0, count: map.width * map.height), count = sum
        let cell = region.width / Float(map.width)
        for y in 0..<mask.height {
            let cy = Int((Float(y) + 0.5) * region.height / Float(mask.height) / cell)
            guard cy < map.height else { continue }
            for x in 0..<mask.width {
                let cx = min(Int((Float(x) + 0.5) * region.width / Float(mask.width) / cell), map.width - 1)
                sum[cy * map.width + cx] += mask.pixels[y * mask.width + x]; count[cy * map.width + cx] += 1
            }
        }
        return sum.indices.map { count[$0] > 0 ? sum[$0] / count[$0] : 0 }
    }

    /// The mask with every marked cell not 8-connected to the face box (through marked cells) cleared:
    /// what removing a bystander cut off from the subject (a flat camera body) goes with them.
    static func keepingHead(_ mask: Image, region: PixelRect, face: PixelRect) -> Image {
        let w = mask.width, h = mask.height
        let marked = SubjectPartition.background
        var head = [Bool](repeating: false, count: w * h)
        let x0 = max(0, Int((face.minX - region.minX) / region.width * Float(w)))
        let x1 = min(w - 1, Int((face.maxX - region.minX) / region.width * Float(w)))
        let y0 = max(0, Int((face.minY - region.minY) / region.height * Float(h)))
        let y1 = min(h - 1, Int((face.maxY - region.minY) / region.height * Float(h)))
        if x0 <= x1, y0 <= y1 {
            for y in y0...y1 { for x in x0...x1 { head[y * w + x] = true } }
        }
        guard head.indices.contains(where: { head[$0] && mask.pixels[$0] > marked }) else { return mask }
        // Unmarked cells clear too: only what is connected to the face box stays.
        var out = mask
        for i in 0..<(w * h) where out.pixels[i] <= marked { out.pixels[i] = 0 }
        for i in SubjectPartition.cutOff(mask, head: head) { out.pixels[i] = 0 }
        return out
    }
}
