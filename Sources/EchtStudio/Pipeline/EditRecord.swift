import Foundation

/// Builds the list of C2PA actions for one headshot from what the stages did.
enum EditRecord {
    static func actions(look: Look, framing: Framing, balance: SkinBalance, source: String,
                        generatedShare: Double) -> [EditAction] {
        let t = framing.transform
        func f(_ v: Double) -> String { String(format: "%.6f", v) }
        var actions = [
            EditAction(action: "c2pa.opened", description: "Opened the photo \(source)."),
            EditAction(action: "c2pa.cropped", description: "Cropped to a head-and-shoulders frame.",
                       parameters: ["width": "\(framing.width)", "height": "\(framing.height)",
                                    "originX": f(t.translationX), "originY": f(t.translationY)]),
        ]
        if abs(framing.levelDegrees) > 1e-6 {
            actions.append(EditAction(action: "c2pa.orientation", description: String(format: "Rotated %.2f° to level the eyes.", -framing.levelDegrees),
                                      parameters: ["degrees": f(-framing.levelDegrees)]))
        }
        if abs(t.scale - 1) > 1e-6 {
            actions.append(EditAction(action: "c2pa.resized", description: "Scaled uniformly.",
                                      parameters: ["sourcePixelsPerOutputPixel": f(t.scale)]))
        }
        actions.append(EditAction(action: "c2pa.adjustedColor",
                                  description: "Exposure and white balance from the skin, mesh-shaped key light, \(look.name) grade.",
                                  parameters: ["gains": "\(f(Double(balance.gains.x))) \(f(Double(balance.gains.y))) \(f(Double(balance.gains.z)))",
                                               "keyLight": f(Double(look.light.key)),
                                               "look": look.name]))
        if look.retouch.strength != .none || look.retouch.eyesAndTeeth || look.retouch.spots {
            let spots = look.retouch.spots ? ", small skin spots evened out in tone (no pixel copied)" : ""
            actions.append(EditAction(action: "c2pa.filtered",
                                      description: "Non-generative retouch: frequency-separated skin evenness (texture kept), eye whites and teeth\(spots).",
                                      parameters: ["strength": look.retouch.strength.rawValue, "spots": look.retouch.spots ? "evened" : "kept"]))
        }
        let kind = look.backdrop.kind
        let backdrop = kind == .defocus
            ? "The photo's own background, \(look.backdrop.blur > 0 ? "defocused with a lens-like blur" : "kept sharp,") and filled from its surroundings where the person hid it\(framing.extendsPastPhoto ? " and past the photo's edge" : ""); every pixel of the person is from the photo."
            : "Backdrop replaced with a procedurally generated, non-AI \(kind.rawValue) backdrop; every pixel of the person is from the photo."
        actions.append(EditAction(action: "c2pa.edited", description: backdrop,
                                  parameters: ["backdrop": kind.rawValue, "generatedShare": String(format: "%.4f", generatedShare)],
                                  digitalSourceType: EditAction.algorithmicMedia))
        return actions
    }
}
