import Foundation
import Testing
@testable import EchtStudio

@Suite struct LookTests {
    @Test func shipsTheSixLooksAndDefaultsToThree() {
        #expect(Set(Look.builtIn.keys) == ["professional", "artistic", "relaxed", "natural", "corporate", "white"])
        let natural = Look.builtIn["natural"]!
        #expect(natural.backdrop.kind == .defocus && natural.backdrop.blur == 0 && natural.framing.withinPhoto)
        #expect(!Look.defaultNames.contains("natural"))
        #expect(Look.defaultNames.allSatisfy { Look.builtIn[$0] != nil })
        #expect(Look.builtIn["relaxed"]!.backdrop.kind == .defocus)
        #expect(Look.builtIn["corporate"]!.backdrop.kind == .gradient)
        #expect(Look.builtIn["white"]!.backdrop.colour == RGBColour(hex: 0xFFFFFF))
    }

    @Test(arguments: Look.builtIn.keys.sorted())
    func documentsRoundTrip(_ name: String) throws {
        let look = Look.builtIn[name]!
        let decoded = try JSONDecoder().decode(Look.self, from: Data(look.jsonDocument().utf8))
        #expect(decoded == look)
    }

    @Test func aUserLookNeedsOnlyWhatItChanges() throws {
        let json = ##"{"name": "brand", "backdrop": {"kind": "solid", "colour": "#123456"}, "grade": {"monochrome": true}}"##
        let look = try JSONDecoder().decode(Look.self, from: Data(json.utf8))
        #expect(look.backdrop.colour == RGBColour(hex: 0x123456))
        #expect(look.grade.monochrome)
        #expect(look.light == LightStyle())
        #expect(look.retouch.strength == .light)
        #expect(look.framing == FramingStyle())
    }

    @Test func loadsALookFileAndExplainsBadOnes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("echt-look-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("mine.json"), bad = dir.appendingPathComponent("bad.json")
        try Data(#"{"name": "mine", "retouch": {"strength": "none"}}"#.utf8).write(to: good)
        try Data(#"{"name": "bad", "backdrop": {"colour": "grey"}}"#.utf8).write(to: bad)
        #expect(try Look.named(good.path).retouch.strength == RetouchStyle.Strength.none)
        #expect(throws: StudioError.self) { try Look.named(bad.path) }
        do { _ = try Look.named(bad.path) } catch { #expect(error.description.contains("bad.json")) }
        do { _ = try Look.named("glamour") } catch { #expect(error.description.contains("professional")) }
    }

    @Test func colourHexRoundTrips() {
        #expect(RGBColour(hexString: "#CFCFCC")?.description == "#CFCFCC")
        #expect(RGBColour(hexString: "nope") == nil)
        #expect(abs(RGBColour(hex: 0x808080).linear.x - 0.2158605) < 1e-5)
    }

    /// A look file with a value the studio is not built for is refused with the field, the value
    /// and the range in plain words; so is one that is not JSON or has a wrong type.
    @Test(arguments: [
        (#"{"name": "x", "framing": {"aspect": 0}}"#, "framing.aspect is 0 but must be from 0.5 to 2"),
        (#"{"name": "x", "framing": {"eyeLine": 1.5}}"#, "framing.eyeLine is 1.5 but must be from 0.25 to 0.5"),
        (#"{"name": "x", "light": {"key": 50}}"#, "light.key is 50 but must be from 0 to 1"),
        (#"{"name": "x", "backdrop": {"blur": 0.21}}"#, "backdrop.blur is 0.21 but must be from 0 to 0.2"),
        (#"{"name": "x", "framing": {"maxHeight": 64}}"#, "framing.maxHeight is 64 but must be from 400 to 20000"),
        (#"{"name": "x", "grade": {"saturation": -3}}"#, "grade.saturation is -3 but must be from 0 to 2"),
        (#"{"name": "../../elsewhere"}"#, "name \"../../elsewhere\" must be 1 to 40 letters, digits, - or _"),
        (#"{"name": ""}"#, "name \"\" must be"),
        (#"{"name": "x", "light": {"key": "strong"}}"#, "light.key: expected a number"),
        (##"{"name": "x", "backdrop": {"colour": "#GGG"}}"##, "backdrop.colour: expected a colour like"),
        (#"{"name": "x", "retouch": {"strength": "extreme"}}"#,
         "retouch.strength: expected one of none, light, medium but received \"extreme\""),
        (#"{"name": "x", "backdrop": {"kind": "sky"}}"#,
         "backdrop.kind: expected one of solid, gradient, canvas, defocus but received \"sky\""),
        (#"{"name": "x", "framing": {"fit": "huge"}}"#,
         "framing.fit: expected one of tight, standard, loose but received \"huge\""),
        (#"{"summary": "no name"}"#, "the field name is missing"),
        (#"{"name": "x", "light": {"#, "it is not valid JSON"),
        (#"{"name": "x", "grade": {"exposure": 1e50}}"#, "a number in it does not fit its field"),
        (#"{"name": "x", "grade": {"exposre": 0.3}}"#, "grade.exposre is not a field of a look"),
        (##"{"name": "x", "colour": "#FFFFFF"}"##, "colour is not a field of a look"),
    ])
    func refusesAnOutOfRangeOrMalformedLookFile(document: String, reason: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("echt-look-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("mine.json")
        try Data(document.utf8).write(to: file)
        let error = #expect(throws: StudioError.self) { try Look.named(file.path) }
        let text = error?.description ?? ""
        #expect(text.contains(reason) && text.contains("mine.json") && !text.contains("DecodingError"), "\(text)")
    }

    /// The shipped looks are inside every range, and so are the range ends themselves.
    @Test func builtInLooksAndTheRangesEndsAreValid() {
        for look in Look.builtIn.values { #expect(look.problem == nil, "\(look.name): \(look.problem ?? "")") }
        var edge = Look(name: "edge_case-1")
        edge.framing.aspect = 2; edge.framing.eyeLine = 0.25; edge.light.key = 1; edge.grade.exposure = -2
        edge.backdrop.blur = 0.2; edge.grade.blackLift = 0.1; edge.framing.maxHeight = 400
        #expect(edge.problem == nil, "\(edge.problem ?? "")")
    }
}
