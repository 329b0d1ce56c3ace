import EchtImaging
import Foundation

/// The contact sheet of one photo: the input beside every look, as a PNG and as an HTML page
/// that also lists the honesty figures and notes.
enum ContactSheet {
    static let thumbnailHeight = 480
    static let gap = 16

    /// The input's preview (twice the tile height) and its tile for the sheet: the input only
    /// is read, so they can be made before the output folder is known.
    static func inputThumbnails(_ input: Image) throws(StudioError) -> (preview: Image, tile: Image) {
        let image = input.rgb, previewHeight = min(thumbnailHeight * 2, image.height)
        do {
            // Both box shrinks of a large photo in one pass over it (the same values as two).
            let first = boxFactor(image, height: previewHeight), second = boxFactor(image, height: thumbnailHeight)
            if first >= 2 && second >= 2 {
                let (preview, tile) = Warp.downsampleBox(image, factors: first, second)
                return (try fitted(preview, height: previewHeight), try fitted(tile, height: thumbnailHeight))
            }
            return (try thumbnail(image, height: previewHeight), try thumbnail(image, height: thumbnailHeight))
        } catch {
            throw .imaging("\(error)")
        }
    }

    /// Writes the signed input preview of `inputThumbnails` and returns the input's tile for the
    /// sheet; `checkFree` has already made sure the preview file is Echt's own.
    static func writeInputPreview(_ thumbnails: (preview: Image, tile: Image), names: OutputNames, writer: OutputWriter) throws(StudioError) -> Image {
        try OutputWriter(sign: writer.sign, force: true, written: writer.written).write(thumbnails.preview, to: names.inputPreview, encoding: EncodeOptions(format: .jpeg, quality: 88), edits: [
            EditAction(action: "c2pa.resized", description: "A scaled-down copy of the input photo, for the contact sheet."),
        ])
        return thumbnails.tile
    }

    /// The sheet's three files, made and signed, not yet written.
    struct Prepared: Sendable {
        /// The signed `sheet.png`.
        var image: Data
        /// `sheet.html`.
        var page: Data
        /// `sheet.json` (see `SheetIndex`).
        var index: Data

        /// Writes the three files atomically, replacing earlier ones.
        func write(names: OutputNames, writer: OutputWriter) throws(StudioError) {
            try writer.writeUnsigned(image, to: names.sheetImage, overwrite: true)
            try writer.writeUnsigned(page, to: names.sheet, overwrite: true)
            try writer.writeUnsigned(index, to: names.sheetIndex, overwrite: true)
        }
    }

    /// Writes the sheet of this run's `headshots` plus the earlier headshots of the same photo
    /// still in the folder (see `SheetIndex`) beside `inputTile` (from `writeInputPreview`). A
    /// headshot may come as its sheet tile already (`thumbnailHeight` high). The sheet PNG is
    /// signed like every other output; `checkFree` has already made sure the sheet's files are
    /// Echt's own.
    static func write(report: PhotoReport, inputTile: Image, headshots: [(HeadshotReport, Image)], names: OutputNames,
                      writer: OutputWriter) throws(StudioError) {
        try prepare(report: report, inputTile: inputTile, headshots: headshots, names: names, writer: writer)
            .write(names: names, writer: writer)
    }

    /// The files `write` writes, made (tiles, captions, PNG, signature, page, index) but not
    /// written, so the studio can make them while the last outputs are still being written.
    static func prepare(report: PhotoReport, inputTile: Image, headshots: [(HeadshotReport, Image)], names: OutputNames,
                        writer: OutputWriter) throws(StudioError) -> Prepared {
        let shown = SheetIndex.earlier(names, input: report.input, replacing: headshots.map(\.0)) + headshots
        var index = report
        index.headshots = shown.map(\.0)
        let sheet: Image
        do {
            let severalFaces = Set(shown.map(\.0.face)).count > 1
            sheet = strip(try [inputTile] + shown.map { try thumbnail($0.1.rgb, height: thumbnailHeight) },
                          captions: [caption(input: report)] + shown.map { caption($0.0, showFace: severalFaces) })
        } catch {
            throw .imaging("\(error)")
        }
        let encoded: Data
        do { encoded = try ImageFile.encode(sheet, options: EncodeOptions(format: .png), name: names.sheetImage.path) } catch {
            throw .imaging(error.description)
        }
        return Prepared(image: try writer.signed(encoded, for: names.sheetImage, format: .png, edits: sheetEdits(shown.map(\.0))),
                        page: Data(html(report: index, names: names).utf8), index: SheetIndex.encode(index))
    }

    /// What the sheet PNG shows, as edits of the input photo.
    static func sheetEdits(_ headshots: [HeadshotReport]) -> [EditAction] {
        var edits = [EditAction(action: "c2pa.resized",
                                description: "The input photo and each headshot made from it, scaled down and placed side by side on a grey ground.")]
        if headshots.contains(where: { $0.edits.contains { $0.digitalSourceType != nil } }) {
            edits.append(EditAction(action: "c2pa.edited",
                                    description: "The headshots' backdrops are generated without AI or made from the photo's own background; every pixel of a person is from the photo.",
                                    parameters: ["backdrop": "contact sheet"], digitalSourceType: EditAction.algorithmicMedia))
        }
        return edits
    }

    static func thumbnail(_ image: Image, height: Int) throws(ImagingError) -> Image {
        guard image.height != height else { return image }
        let factor = boxFactor(image, height: height)
        return try fitted(factor >= 2 ? Warp.downsampleBox(image, factor: factor) : image, height: height)
    }

    /// The box shrink `thumbnail` makes before resizing `image` to `height` (used when 2 or more).
    static func boxFactor(_ image: Image, height: Int) -> Int {
        image.height == height ? 1 : image.height / (height * 2)
    }

    /// `image` resized to `height`, keeping its aspect ratio.
    static func fitted(_ image: Image, height: Int) throws(ImagingError) -> Image {
        let width = max(1, Int((Double(image.width) * Double(height) / Double(image.height)).rounded()))
        return try image.resized(width: width, height: height)
    }

    /// Height of the caption band under each tile.
    static let captionHeight = 64

    /// Tiles side by side on a light grey ground, each with its caption (Pango markup, so
    /// escaped text) set underneath.
    static func strip(_ tiles: [Image], captions: [String] = []) -> Image {
        let width = tiles.map(\.width).reduce(0, +) + gap * (tiles.count + 1)
        let captioned = !captions.isEmpty
        let height = thumbnailHeight + 2 * gap + (captioned ? captionHeight : 0)
        let ground: Float = 0.72, ink: Float = 0.02
        var out = Image(width: width, height: height, filledWith: [ground, ground, ground])
        var x0 = gap
        for (index, tile) in tiles.enumerated() {
            for y in 0..<min(tile.height, thumbnailHeight) {
                for x in 0..<tile.width {
                    for c in 0..<3 { out[x0 + x, gap + y, c] = tile[x, y, c] }
                }
            }
            if index < captions.count, let text = try? TextRenderer.render(captions[index], font: "sans 9", width: tile.width) {
                let top = gap + thumbnailHeight + 6
                for y in 0..<min(text.height, captionHeight - 6) {
                    for x in 0..<min(text.width, tile.width) {
                        let k = text[x, y, 0]
                        for c in 0..<3 { out[x0 + x, top + y, c] = ground + (ink - ground) * k }
                    }
                }
            }
            x0 += tile.width + gap
        }
        return out
    }

    /// The caption of the input tile: file name, size, faces, and what the faces were advised
    /// for (`PhotoAdvice`).
    static func caption(input report: PhotoReport) -> String {
        "Input · \(escape(URL(fileURLWithPath: report.input).lastPathComponent))\n\(report.width)×\(report.height) px · \(report.faces) face(s)"
            + (PhotoAdvice.shortly(report).map { "\n<b>\(PhotoAdvice.anotherFrame)</b> \(escape($0))" } ?? "")
    }

    /// The caption of a headshot tile: look, size and the honesty figures.
    static func caption(_ h: HeadshotReport, showFace: Bool) -> String {
        let honesty = h.honesty
        let position = honesty.geometryError.map { String(format: "face position %.2f px", $0) } ?? "face position not measured"
        let landmarks = honesty.landmarkErrorMean.map { String(format: "landmarks %.2f px", $0) } ?? "landmarks not re-found"
        let verdict = honesty.passed ? "all checks passed" : "CHECK: " + escape(honesty.failures.joined(separator: "; "))
        return "\(escape(h.look))\(showFace ? " · face \(h.face)" : "") · \(h.width)×\(h.height) px\n"
            + "\(position) · \(landmarks)\ntexture kept \(String(format: "%.0f", honesty.skinTextureKept * 100)) % · \(verdict)"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func html(report: PhotoReport, names: OutputNames) -> String {
        func file(_ path: String) -> String { escape(URL(fileURLWithPath: path).lastPathComponent) }
        var cards = """
        <figure><img src="\(file(names.inputPreview.path))" alt="input"><figcaption><b>Input</b><br>\(escape(URL(fileURLWithPath: report.input).lastPathComponent))<br>\(report.width)×\(report.height) px, \(report.faces) face(s)\(PhotoAdvice.shortly(report).map { "<br><b>\(PhotoAdvice.anotherFrame)</b> \(escape($0))" } ?? "")</figcaption></figure>

        """
        for h in report.headshots {
            let honesty = h.honesty
            let landmarks = honesty.landmarkErrorMean.map { String(format: "%.2f px mean (limit %.2f), %.2f px max", $0, honesty.landmarkLimit, honesty.landmarkErrorMax ?? 0) } ?? "not measured"
            let verdict = honesty.passed ? "<span class=ok>all checks passed</span>" : "<span class=bad>\(escape(honesty.failures.joined(separator: "; ")))</span>"
            cards += """
            <figure><a href="\(file(h.file))"><img src="\(file(h.file))" alt="\(escape(h.look))"></a><figcaption>
            <b>\(escape(h.look))</b>\(report.headshots.contains { $0.face != h.face } ? " · face \(h.face)" : "")<br>
            \(h.width)×\(h.height) px · levelled \(String(format: "%.1f", h.levelDegrees))°<br>
            face position against the recorded crop: \(honesty.geometryError.map { String(format: "%.2f px (limit %.0f px)", $0, HonestyReport.geometryLimit) } ?? "not measured")<br>
            landmarks back in the input: \(landmarks)<br>
            skin texture kept: \(String(format: "%.0f", honesty.skinTextureKept * 100)) %<br>
            generated: backdrop only (\(String(format: "%.0f", honesty.generatedShare * 100)) % of frame) \(honesty.onlyBackdropGenerated ? "✓" : "✗")<br>
            \(verdict)<br>
            <a href="\(file(h.cutout))">cut-out</a> \(h.sizes.map { "<a href=\"\(file($0))\">\(escape(URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent))</a>" }.joined(separator: " "))
            \(h.notes.isEmpty ? "" : "<ul>" + h.notes.map { "<li>\(escape($0))</li>" }.joined() + "</ul>")
            </figcaption></figure>

            """
        }
        return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Echt studio: \(escape(URL(fileURLWithPath: report.input).lastPathComponent))</title>
        <style>
        body{font:14px/1.4 system-ui,sans-serif;background:#f3f3f1;color:#222;margin:24px}
        .sheet{display:flex;flex-wrap:wrap;gap:20px;align-items:flex-start}
        figure{margin:0;background:#fff;padding:10px;border-radius:6px;box-shadow:0 1px 3px #0002;max-width:400px}
        img{height:480px;max-width:380px;object-fit:contain;display:block;background:#ddd}
        figcaption{margin-top:8px;font-size:13px}.ok{color:#176b2c}.bad{color:#a01010}ul{padding-left:18px;margin:4px 0}
        </style></head><body>
        <h1>Echt studio · \(escape(URL(fileURLWithPath: report.input).lastPathComponent))</h1>
        <p>Every pixel of the person comes from the photo; only backdrops are generated. Geometry is crop, level rotation and uniform scale only.</p>
        <div class="sheet">
        \(cards)</div></body></html>

        """
    }
}
