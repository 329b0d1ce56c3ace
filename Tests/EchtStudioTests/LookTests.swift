import Foundation
import Testing
@testable import EchtStudio

@Suite struct LookTests {
    @Test func shipsTheFiveLooksAndDefaultsToThree() {
        #expect(Set(Look.builtIn.keys) == ["professional", "artistic", "relaxed", "corporate", "white"])
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
}
