import EchtImaging
import EchtTestSupport
import EchtVision
import Foundation
import Testing
@testable import EchtStudio

/// Group photos through the real models: every person gets a headshot of their own, with
/// the matte on their whole face and no neighbour in it.
@Suite(.enabled(if: StudioFixtures.devPhotosReady, StudioFixtures.devPhotosSkipReason))
struct SubjectMatteTests {
    /// Every face of `name` framed loosely (the widest frame, holding the most neighbours)
    /// with its own matte, largest face first.
    static func framedSubjects(_ name: String) throws -> (StudioAnalysis, [(Face, Result<FramedSubject, StudioError>)], photo: (width: Int, height: Int)) {
        let (session, image, found) = try StudioFixtures.analysedDevPhoto(name)
        let style = FramingStyle(fit: .loose)
        let analysis = try found
            .addingMattes(for: nil, styles: [style], image: image, analyzer: session.analyzer, sourceName: name)
        let framed = analysis.facesBySize.map { face in
            (face, Result { () throws(StudioError) -> FramedSubject in
                try StudioPipeline.frame(image: image, analysis: analysis, face: face, style: style, sourceName: name)
            })
        }
        return (analysis, framed, (image.width, image.height))
    }

    /// The subject's alpha at points of the photo (other people's face centres, and their
    /// chests a face height and a half below) that fall inside its frame, away from its own head.
    static func alphaOnOtherPeople(_ framed: FramedSubject, face: Face, analysis: StudioAnalysis) -> [Float] {
        let own = face.detection.box
        return analysis.faces.filter { $0 != face }.flatMap { other -> [Float] in
            let box = other.detection.box
            return [box.center, box.center + SIMD2(0, 1.5 * box.height)].compactMap { point in
                let d = point - own.center
                guard (d * d).sum().squareRoot() > own.width else { return nil }
                let p = framed.framing.transform.outputPoint(point)
                let x = Int(p.x), y = Int(p.y)
                guard x >= 0, y >= 0, x < framed.framing.width, y < framed.framing.height else { return nil }
                return framed.alpha[x, y, 0]
            }
        }
    }

    /// Everyone whose eyes are in the picture: the woman standing at the top right (the
    /// smallest face, fifth) has her eyes above the photo's top edge and is refused as such.
    @Test func everyoneInTheOfficeGetsTheirOwnHeadshot() throws {
        let (analysis, framed, _) = try Self.framedSubjects("group-5faces-office-01.jpg")
        #expect(analysis.faces.count == 5)
        var probes = 0
        for (number, (face, result)) in framed.enumerated() {
            if number == 4 {
                #expect(throws: StudioError.faceCutByEdge("group-5faces-office-01.jpg")) { try result.get() }
                continue
            }
            guard let subject = try? result.get() else {
                Issue.record("face \(number + 1) was not framed: \(result)")
                continue
            }
            let coverage = StudioPipeline.faceCoverage(alpha: subject.alpha, face: subject.masks.face)
            #expect(coverage >= 0.85, "face \(number + 1): the matte covers \(coverage) of its face")
            let others = Self.alphaOnOtherPeople(subject, face: face, analysis: analysis)
            probes += others.count
            #expect(others.allSatisfy { $0 < 0.1 }, "face \(number + 1): alpha \(others) on other people")
        }
        #expect(probes >= 3, "the office frames hold other people, so the check ran (\(probes) points)")
    }

    /// Two people side by side: each cut-out holds nothing of the other, whose side of the
    /// bisector between the two faces is backdrop.
    @Test func theNeighbourIsGoneFromEachCutout() throws {
        let (analysis, framed, photo) = try Self.framedSubjects("group-2faces-indoor-obama-biden-01.jpg")
        #expect(analysis.faces.count == 2)
        var total = 0
        for (face, result) in framed {
            let subject = try result.get()
            let other = try #require(analysis.faces.first { $0 != face })
            let a = face.detection.box.center, b = other.detection.box.center
            let axis = (b - a) / ((b - a) * (b - a)).sum().squareRoot(), middle = (a + b) / 2
            let t = subject.framing.transform
            let inside = Warp.insideMask(sourceWidth: photo.width, sourceHeight: photo.height, transform: t,
                                         width: subject.framing.width, height: subject.framing.height)
            var sum: Float = 0, count = 0
            for y in 0..<subject.framing.height {
                for x in 0..<subject.framing.width where inside[x, y, 0] > 0 {
                    let p = t.sourcePoint(SIMD2<Float>(Float(x) + 0.5, Float(y) + 0.5))
                    guard ((p - middle) * axis).sum() > 0 else { continue }
                    sum += subject.alpha[x, y, 0]; count += 1
                }
            }
            total += count
            #expect(sum / Float(max(count, 1)) < 0.02, "the neighbour's side is kept at mean alpha \(sum / Float(max(count, 1))) over \(count) px")
            let coverage = StudioPipeline.faceCoverage(alpha: subject.alpha, face: subject.masks.face)
            #expect(coverage >= 0.85, "the matte covers \(coverage) of the subject's face")
        }
        #expect(total > 500, "a frame reaches into the neighbour's side (\(total) px), so the check ran")
    }

    /// The sizes of the matte's pieces (alpha above 0.05, 8-connected) other than the largest
    /// that start above `row` (photo pixels) and reach an alpha of `visible` somewhere: what
    /// floats over the subject's head.
    static func piecesAbove(_ row: Float, in matte: PersonMatte, visible: Float = 0.25) -> [Int] {
        let w = matte.alpha.width, h = matte.alpha.height
        var label = [Int](repeating: -1, count: w * h)
        var pieces: [(size: Int, top: Int, peak: Float)] = []
        for start in 0..<(w * h) where label[start] < 0 && matte.alpha.pixels[start * matte.alpha.channels] > 0.05 {
            var stack = [start], size = 0, top = start / w, peak: Float = 0
            label[start] = pieces.count
            while let i = stack.popLast() {
                size += 1; top = min(top, i / w); peak = max(peak, matte.alpha.pixels[i * matte.alpha.channels])
                for yy in max(0, i / w - 1)...min(h - 1, i / w + 1) {
                    for xx in max(0, i % w - 1)...min(w - 1, i % w + 1) where label[yy * w + xx] < 0
                        && matte.alpha.pixels[(yy * w + xx) * matte.alpha.channels] > 0.05 {
                        label[yy * w + xx] = pieces.count; stack.append(yy * w + xx)
                    }
                }
            }
            pieces.append((size, top + matte.originY, peak))
        }
        guard let largest = pieces.indices.max(by: { pieces[$0].size < pieces[$1].size }) else { return [] }
        return pieces.indices.filter { $0 != largest && Float(pieces[$0].top) < row && pieces[$0].peak >= visible }.map { pieces[$0].size }
    }

    /// Nothing floats over a head: the seated woman's neighbour standing behind her (the second
    /// face) took cells of her hair's top in the coarse split, and the 2–3 px sliver left above
    /// them came back as a fleck of alpha over her hair (issue #5; up to 0.95). A faint loop of her
    /// own curls' top (alpha at most 0.12) is no fleck.
    @Test func noFleckFloatsAboveTheOfficeHeads() throws {
        let (analysis, _, _) = try Self.framedSubjects("group-5faces-office-01.jpg")
        var checked = 0
        for (face, matte) in zip(analysis.faces, analysis.mattes) {
            guard let matte else { continue }
            let pieces = Self.piecesAbove(face.detection.box.center.y, in: matte)
            #expect(pieces.allSatisfy { $0 < 8 }, "pieces of \(pieces) px float above the face at \(face.detection.box.center)")
            checked += 1
        }
        #expect(checked == 5)
    }

    /// Mean coverage of `matte` over the photo pixels of `box` (x0, y0, x1, y1).
    static func meanAlpha(_ matte: PersonMatte, _ box: (Int, Int, Int, Int)) -> Float {
        var sum: Float = 0
        for y in box.1..<box.3 { for x in box.0..<box.2 { sum += matte.coverage(x: x, y: y) } }
        return sum / Float((box.2 - box.0) * (box.3 - box.1))
    }

    /// The matte of the office photo's default headshot: its largest face, the seated man with
    /// glasses, matted for the default looks' two framings.
    static func seatedOfficeManMatte() throws -> PersonMatte {
        let (man, matte) = try StudioFixtures.largestFaceMatte("group-5faces-office-01.jpg",
                                                               styles: [FramingStyle(fit: .standard), FramingStyle(fit: .loose)])
        #expect(abs(man.detection.box.center.x - 1018) < 20 && abs(man.detection.box.center.y - 387) < 20, "the seated man is the largest face")
        return matte
    }

    /// Expects each named box's mean alpha above `keptAbove` where it is kept, below `goneBelow` where not.
    static func expectMeans(_ matte: PersonMatte, _ boxes: [(String, (Int, Int, Int, Int), Bool)],
                            keptAbove: Float, goneBelow: Float) {
        for (part, box, kept) in boxes {
            let mean = meanAlpha(matte, box)
            if kept {
                #expect(mean > keptAbove, "\(part): mean alpha \(mean)")
            } else {
                #expect(mean < goneBelow, "\(part): mean alpha \(mean)")
            }
        }
    }

    /// The default headshot of the office photo (its largest face, the seated man with glasses,
    /// who looks to the photo's left): the black skirt and beige hem of the woman standing
    /// behind him, which run down beside his face from his hair to his shoulder, are not his
    /// (his head's ellipse took them, colour-blind, and the skirt followed by cheap steps down;
    /// issue #5); his hair, glasses and shoulder on that side stay.
    @Test func theStandingWomanIsGoneBesideTheSeatedMan() throws {
        let matte = try Self.seatedOfficeManMatte()
        let boxes: [(String, (Int, Int, Int, Int), Bool)] = [
            ("skirt beside his temple", (915, 300, 940, 360), false),
            ("skirt beside his cheek", (880, 360, 930, 400), false),
            ("hem and hand above the skirt", (860, 250, 910, 300), false),
            ("his hair's front", (975, 245, 1010, 275), true),
            ("his hair over the ear", (1080, 260, 1110, 300), true),
            ("his temple by the glasses' hinge", (950, 320, 966, 356), true),
            ("his shoulder on that side", (900, 455, 935, 495), true),
        ]
        Self.expectMeans(matte, boxes, keptAbove: 0.9, goneBelow: 0.05)
    }

    /// The same default headshot: two more pieces of that woman, both his in the split. Her
    /// jacket's lit edge between his hair and the whiteboard (a grey wisp right of his hair; the
    /// model doubts it, he reaches it only across his hair's colour edge) belongs to nobody
    /// (`SubjectPartition.dropFarDoubts`); her black skirt beside his shoulder below the mouth,
    /// where `HeadSpan`'s dear zone ends, is hers as it continues her cells above
    /// (`SubjectPartition.continueBehind`). Mean alpha before: wisp 0.26, skirt 0.81. His hair
    /// beside the wisp, his shoulder and the jacket's edge by the skirt stay.
    @Test func theStandingWomansJacketEdgeAndSkirtAreGoneBesideTheSeatedMan() throws {
        let matte = try Self.seatedOfficeManMatte()
        let boxes: [(String, (Int, Int, Int, Int), Bool)] = [
            ("her jacket's lit edge right of his hair", (1135, 270, 1170, 380), false),
            ("her skirt beside his shoulder", (852, 440, 878, 530), false),
            ("his hair over the ear", (1080, 260, 1110, 300), true),
            ("his shoulder on that side", (900, 455, 935, 495), true),
            ("his jacket's edge by the skirt", (888, 440, 905, 520), true),
        ]
        Self.expectMeans(matte, boxes, keptAbove: 0.95, goneBelow: 0.15)
        let hairEdge = Self.meanAlpha(matte, (1100, 230, 1125, 290))
        #expect(hairEdge > 0.75, "his hair's right edge beside the wisp: mean alpha \(hairEdge)")
    }

    /// The seated woman (second face), who also looks aside, keeps the curls that stand out
    /// beyond her face's outline on that side: the blonde woman behind her is nearly her size
    /// (not far behind), so her head is not cut at its outline (`HeadSpan`; without that gate
    /// the mean alpha here falls to 0.51).
    @Test func theSeatedWomanKeepsHerCurls() throws {
        let name = "group-5faces-office-01.jpg"
        let (session, image, found) = try StudioFixtures.analysedDevPhoto(name)
        let woman = try #require(found.facesBySize.dropFirst().first)
        #expect(abs(woman.detection.box.center.x - 228) < 20, "the seated woman is the second face")
        let styles = [FramingStyle(fit: .standard), FramingStyle(fit: .loose)]
        let analysis = try found.addingMattes(for: [woman], styles: styles, image: image, analyzer: session.analyzer, sourceName: name)
        let index = try #require(analysis.faces.firstIndex(of: woman))
        let matte = try #require(analysis.mattes[index])
        let curls = Self.meanAlpha(matte, (270, 220, 300, 270))
        #expect(curls > 0.8, "her curls beside the blonde woman: mean alpha \(curls)")
    }
}

extension SubjectMatteTests {
    /// `--each` on the office photo: the seated woman's full curls rise far above her head's
    /// ellipse, where steps up were dear, so the blonde woman standing behind her reached their
    /// top more cheaply (sideways from her own dark collar) and took it in both claims: the
    /// seated woman's headshot lost the top of her hair (mean alpha 0.14 there) and the blonde's
    /// got it as a dark chunk by her jacket (0.41). Hair rising straight above a head is now
    /// cheap to reach from it (`SubjectPartition.crownUpWeight`), but not for the seated man, the
    /// woman far behind whom stands right above his head: without that gate his hair's top grows
    /// lumps of her beige jacket (0.34 in the box above it, against 0.09).
    @Test func theSeatedWomansCurlsStayHersBesideTheStandingWoman() throws {
        let name = "group-5faces-office-01.jpg"
        let (session, image, found) = try StudioFixtures.analysedDevPhoto(name)
        let bySize = found.facesBySize
        let man = bySize[0], seated = bySize[1], standing = bySize[2]
        #expect(abs(seated.detection.box.center.x - 228) < 20, "the seated woman is the second face")
        #expect(abs(standing.detection.box.center.x - 380) < 20 && standing.detection.box.center.y < 120,
                "the blonde woman standing behind her is the third")
        let styles = [FramingStyle(fit: .standard), FramingStyle(fit: .loose)]
        let analysis = try found.addingMattes(for: [man, seated, standing], styles: styles, image: image, analyzer: session.analyzer,
                                              sourceName: name)
        let seatedIndex = try #require(analysis.faces.firstIndex(of: seated))
        let standingIndex = try #require(analysis.faces.firstIndex(of: standing))
        let seatedMatte = try #require(analysis.mattes[seatedIndex]), standingMatte = try #require(analysis.mattes[standingIndex])
        let manIndex = try #require(analysis.faces.firstIndex(of: man))
        let manMatte = try #require(analysis.mattes[manIndex])
        let behindHisHair = Self.meanAlpha(manMatte, (1050, 209, 1090, 222))
        #expect(behindHisHair < 0.2, "the beige jacket behind the seated man's hair tips: mean alpha \(behindHisHair)")
        let checks: [(String, PersonMatte, (Int, Int, Int, Int), Bool)] = [
            ("the seated woman's hair top, in her matte", seatedMatte, (200, 165, 280, 200), true),
            ("her curls beside the blonde woman", seatedMatte, (270, 220, 300, 270), true),
            ("her face", seatedMatte, (200, 300, 280, 400), true),
            ("her curls, in the blonde woman's matte", standingMatte, (270, 185, 300, 240), false),
            ("the blonde woman's face", standingMatte, (350, 60, 420, 140), true),
            ("her hair on the left", standingMatte, (295, 40, 320, 100), true),
            ("her hair on the right", standingMatte, (425, 60, 445, 120), true),
        ]
        for (part, matte, box, kept) in checks {
            let mean = Self.meanAlpha(matte, box)
            if kept {
                #expect(mean > 0.9, "\(part): mean alpha \(mean)")
            } else {
                #expect(mean < 0.05, "\(part): mean alpha \(mean)")
            }
        }
    }
}
