import EchtImaging

/// A plain border around a photo's picture: the white margin of a scanned print, a frame added
/// by an editor, the white or black bars of a photo padded to a square. It is cut away before
/// anything else so that the framing knows where the picture ends: a relaxed headshot otherwise
/// blurred the margin into its surroundings and showed the body cut by a straight line.
///
/// A side has a border when its outermost line is near-neutral (white, grey or black), at least
/// `plainShare` of each of its first lines lies within `plainTolerance` of that colour, and the
/// picture then starts with a step: at least `edgeShare` of the first line past them differs
/// from the border by more than `edgeStep`. A white studio backdrop clipped at the top is no
/// border (the hair starts inside lines that are still mostly white), nor is a blue sky.
/// Thinner than `smallestBorder`, a scanner's few plain lines stay in the photo and are kept
/// out of frames by `ScanBorder`.
struct PhotoBorder: Equatable, Sendable {
    /// Lines cut at each side, in pixels.
    var top = 0, bottom = 0, left = 0, right = 0

    /// Largest channel difference (8-bit codes) of a border pixel from the border colour.
    static let plainTolerance = 6
    /// Share of a border line's pixels within `plainTolerance`.
    static let plainShare = 0.99
    /// Largest channel spread (8-bit codes) of a border colour: borders are white, grey or black.
    static let neutralSpread = 12
    /// Difference (8-bit codes) past which a pixel is the picture's, not the border's.
    static let edgeStep = 16
    /// Share of the first line past the border that must differ by `edgeStep`.
    static let edgeShare = 0.5
    /// Lines past the last plain one searched for the picture's first line (JPEG blocks ring
    /// across up to 8 pixels at a step).
    static let ringing = 8
    /// Largest border, as a share of the photo's side across it.
    static let largestShare = 0.3
    /// Smallest border in pixels; and as a share of the side across it (`smallestShare`).
    static let smallestBorder = 4
    /// See `smallestBorder`.
    static let smallestShare = 0.005

    /// The border of `image`, nil when no side has one.
    static func find(in image: Image) -> PhotoBorder? {
        guard image.channels >= 3, image.width >= 64, image.height >= 64 else { return nil }
        // Each side's lines are read between the borders found across them, so that bars of two
        // colours (white at the sides, black at the bottom) are found too: the rows first, the
        // columns between them, the rows again between those.
        var border = PhotoBorder()
        for pass in 0..<2 where pass == 0 || border != PhotoBorder() {
            // Each border is under `largestShare` of the side across it, so neither span is empty.
            let columns = border.left..<(image.width - border.right)
            border.top = depth(of: image, side: .top, span: columns)
            border.bottom = depth(of: image, side: .bottom, span: columns)
            let rows = border.top..<(image.height - border.bottom)
            border.left = depth(of: image, side: .left, span: rows)
            border.right = depth(of: image, side: .right, span: rows)
        }
        guard border != PhotoBorder(), image.width - border.left - border.right >= 64,
              image.height - border.top - border.bottom >= 64 else { return nil }
        return border
    }

    /// The picture inside the border.
    func trimming(_ image: consuming Image) -> Image {
        image.cropped(x: left, y: top, width: image.width - left - right, height: image.height - top - bottom)
    }

    /// The note of every headshot made from the trimmed photo.
    var note: String {
        let sides = [(top, "the top"), (bottom, "the bottom"), (left, "the left"), (right, "the right")]
            .filter { $0.0 > 0 }.map { "\($0.0) px at \($0.1)" }
        return "Cut the photo's plain border (\(sides.joined(separator: ", "))) so that the frame starts where the picture does."
    }

    /// The cut, as the first edit after opening the photo; `width`×`height` is the trimmed photo.
    func edit(width: Int, height: Int) -> EditAction {
        EditAction(action: "c2pa.cropped", description: "Cut the photo's plain border.",
                   parameters: ["x": "\(left)", "y": "\(top)", "width": "\(width)", "height": "\(height)"])
    }

    /// A side of the photo.
    enum Side { case top, bottom, left, right }

    /// The lines of `side` that are border, 0 when it has none; each line read over `span` only.
    static func depth(of image: Image, side: Side, span: Range<Int>) -> Int {
        let across = side == .top || side == .bottom ? image.height : image.width
        let outer = line(of: image, side: side, depth: 0, span: span)
        let colour = SIMD3((0..<3).map { k in median(outer.map { $0[k] }) })
        guard colour.max() - colour.min() <= neutralSpread else { return 0 }
        let deepest = Int(largestShare * Double(across))
        var plain = 0
        while plain < deepest, share(of: line(of: image, side: side, depth: plain, span: span), differingFrom: colour, by: plainTolerance) <= 1 - plainShare {
            plain += 1
        }
        guard plain >= max(smallestBorder, Int(smallestShare * Double(across))), plain < deepest else { return 0 }
        for depth in plain..<min(plain + ringing + 1, across)
        where share(of: line(of: image, side: side, depth: depth, span: span), differingFrom: colour, by: edgeStep) >= edgeShare {
            return depth
        }
        return 0
    }

    /// The 8-bit sRGB codes of the line `depth` pixels in from `side`, over `span` (columns of a
    /// row, rows of a column).
    static func line(of image: Image, side: Side, depth: Int, span: Range<Int>) -> [SIMD3<Int>] {
        let w = image.width, h = image.height, c = image.channels
        let (start, step): (Int, Int) = switch side {
        case .top: (depth * w, 1)
        case .bottom: ((h - 1 - depth) * w, 1)
        case .left: (depth, w)
        case .right: (w - 1 - depth, w)
        }
        return image.pixels.withUnsafeBufferPointer { p in
            span.map { i in
                let base = (start + i * step) * c
                return SIMD3(Int(SRGBTransfer.byte(fromLinear: p[base])), Int(SRGBTransfer.byte(fromLinear: p[base + 1])),
                             Int(SRGBTransfer.byte(fromLinear: p[base + 2])))
            }
        }
    }

    /// The share of `pixels` whose largest channel difference from `colour` exceeds `limit`.
    static func share(of pixels: [SIMD3<Int>], differingFrom colour: SIMD3<Int>, by limit: Int) -> Double {
        let differing = pixels.reduce(0) { count, p in
            let d = p &- colour
            return count + (max(abs(d.x), abs(d.y), abs(d.z)) > limit ? 1 : 0)
        }
        return Double(differing) / Double(max(pixels.count, 1))
    }

    /// The median of `values` (the upper one of an even count).
    static func median(_ values: [Int]) -> Int {
        values.sorted()[values.count / 2]
    }
}
