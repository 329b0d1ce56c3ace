import EchtImaging

/// Removes the old backdrop that the selfie model marks as person beside the subject's head:
/// a drape or wall the colour of the one it marks as background elsewhere in the same photo
/// (a pink satin drape framed by a hat brim, hair and shoulder reads as part of the person).
/// A mask cell goes when its hue (chromaticity of the model's own input, `SelfieSegmenter.guide`)
/// lies near a chromatic colour of the photo's deep background and clearly off every colour of
/// the person's sure cells (all but those beside the head), never below the face between its
/// sides (neck, chest). The cells go together, as parts grown from cells beside the head (brows
/// to shoulders), and only a part the model doubts (mean value below `unsure`) and that covers
/// `smallestArea`: hair, earrings and collars the model is sure of stay, whatever their colour.
/// A part that goes takes its folds along (`folds`): neighbouring cells of the backdrop's hue
/// that the model doubts, even where a person colour is as near (satin in shadow by a red scarf).
enum BackdropLookalikes {
    /// Cells this many cells deep inside background (mask ≤ `SubjectPartition.background`) or
    /// person (mask ≥ `personValue`) give colour samples: edges mix the two.
    static let sampleDepth = 2
    /// Mask value at or above which a cell is surely person.
    static let personValue: Float = 0.95
    /// Side (cells) of the blocks whose mean colours are the samples.
    static let block = 4
    /// Largest colour distance (chromaticity, see `chroma`) to a background sample for a cell to look like it.
    static let nearBackground: Float = 0.05
    /// A cell looks like the backdrop when its background distance is below this share of its person distance.
    static let ratio: Float = 0.5
    /// Least saturation ((max − min) / max of sRGB) of a background sample.
    static let minimumSaturation: Float = 0.15
    /// Least colour distance to every person sample for a cell to look like the backdrop.
    static let farFromPerson: Float = 0.02
    /// Largest mean model value over what goes: only where the model doubts itself.
    static let unsure: Float = 0.6
    /// Half width (in face widths) of the column below the face centre that never goes.
    static let neckWidth: Float = 0.35
    /// Smallest face (detection box side, photo pixels) whose matte is searched.
    static let smallestFace: Float = 100
    /// Smallest area (in face-box areas) of what goes.
    static let smallestArea: Float = 0.05
    /// Largest model value of a cell that goes along with a part as one of its folds.
    static let foldDoubt: Float = 0.8

    /// Per cell of `mask` (the subject's share, covering photo rectangle `region`; `raw` the
    /// model's mask there, `guide` its sRGB colours at the mask's size) whether it is backdrop
    /// the model took for person; `face` is the subject's detection box.
    static func cells(mask: Image, raw: Image, guide: Image, region: PixelRect, face: PixelRect) -> [Bool] {
        Search(raw: raw, guide: guide, region: region, face: face, within: mask).cells(mask: mask)
    }

    /// `gone` grown through its folds: cells of the backdrop's `hue` (per cell of `raw`, the
    /// model's mask) that the model doubts (below `foldDoubt`) next to what goes. Colour alone
    /// kept them: a drape's shadowed folds lie as near a person colour (a red scarf over skin,
    /// lips) as the backdrop's, but they continue a part that goes, and the model is sure of the
    /// scarf. The neck column does not stop them (the part already decided what this colour is
    /// there); their rim, next to any cell not of the hue (a hat brim, a scarf, the open
    /// background), stays for the refinement to find the edge in the photo.
    static func folds(of gone: [Bool], hue: [Bool], raw: Image) -> [Bool] {
        let w = raw.width, h = raw.height
        var out = gone, stack = gone.indices.filter { gone[$0] }
        func rim(_ i: Int) -> Bool {
            let x = i % w, y = i / w
            for yy in max(0, y - 1)...min(h - 1, y + 1) {
                for xx in max(0, x - 1)...min(w - 1, x + 1) {
                    if !hue[yy * w + xx] { return true }
                }
            }
            return false
        }
        while let i = stack.popLast() {
            SubjectPartition.forEachNeighbour(of: i, width: w, height: h) { j in
                guard !out[j], hue[j], raw.pixels[j] < foldDoubt, !rim(j) else { return }
                out[j] = true
                stack.append(j)
            }
        }
        return out
    }

    /// Chromaticity (each channel over the sum), lightness left out: a fold's shadow keeps the cloth's hue.
    static func chroma(_ c: SIMD3<Float>) -> SIMD3<Float> { c / max(c.sum(), 1e-3) }

    /// Cells whose every neighbour within `sampleDepth` passes `test` on `mask`.
    static func deep(_ mask: Image, width w: Int, height h: Int, _ test: (Float) -> Bool) -> [Bool] {
        let r = sampleDepth
        return (0..<(w * h)).map { i in
            let x = i % w, y = i / w
            for yy in max(0, y - r)...min(h - 1, y + r) {
                for xx in max(0, x - r)...min(w - 1, x + r) where !test(mask.pixels[yy * w + xx]) { return false }
            }
            return true
        }
    }

    /// The mean colour of the chosen cells of each `block`² block holding at least half a block
    /// of them; means within `1 / quantum` of one another are kept once.
    static func means(_ colour: [SIMD3<Float>], where chosen: [Bool], width w: Int, height h: Int) -> [SIMD3<Float>] {
        var out: [SIMD3<Float>] = [], seen = Set<SIMD3<Int32>>()
        for by in stride(from: 0, to: h, by: block) {
            for bx in stride(from: 0, to: w, by: block) {
                var sum = SIMD3<Float>(), count = 0
                for y in by..<min(h, by + block) {
                    for x in bx..<min(w, bx + block) where chosen[y * w + x] { sum += colour[y * w + x]; count += 1 }
                }
                guard count * 2 >= block * block else { continue }
                let mean = sum / Float(count)
                if seen.insert(SIMD3<Int32>((mean * quantum).rounded(.toNearestOrEven))).inserted { out.append(mean) }
            }
        }
        return out
    }

    /// Steps per unit of chromaticity at which sample means count as one.
    static let quantum: Float = 500
}
