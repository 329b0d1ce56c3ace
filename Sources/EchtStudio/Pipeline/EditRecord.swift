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
                       parameters: ["com.echt.width": "\(framing.width)", "com.echt.height": "\(framing.height)",
                                    "com.echt.originX": f(t.translationX), "com.echt.originY": f(t.translationY)]),
        ]
        if abs(framing.levelDegrees) > 1e-6 {
            actions.append(EditAction(action: "c2pa.orientation", description: String(format: "Rotated %.2f° to level the eyes.", -framing.levelDegrees),
                                      parameters: ["com.echt.degrees": f(-framing.levelDegrees)]))
        }
        if abs(t.scale - 1) > 1e-6 {
            actions.append(EditAction(action: "c2pa.resized", description: "Scaled uniformly.",
                                      parameters: ["com.echt.sourcePixelsPerOutputPixel": f(t.scale)]))
        }
        actions.append(EditAction(action: "c2pa.adjustedColor",
                                  description: "Exposure and white balance from the skin, mesh-shaped key light, \(look.name) grade.",
                                  parameters: ["com.echt.gains": "\(f(Double(balance.gains.x))) \(f(Double(balance.gains.y))) \(f(Double(balance.gains.z)))",
                                               "com.echt.keyLight": f(Double(look.light.key)),
                                               "com.echt.look": look.name]))
        if look.retouch.strength != .none || look.retouch.eyesAndTeeth {
            actions.append(EditAction(action: "c2pa.filtered",
                                      description: "Non-generative retouch: frequency-separated skin evenness (texture kept), eye whites and teeth.",
                                      parameters: ["com.echt.strength": look.retouch.strength.rawValue]))
        }
        actions.append(EditAction(action: "c2pa.edited",
                                  description: "Backdrop replaced with a procedurally generated, non-AI \(look.backdrop.kind.rawValue) backdrop; every pixel of the person is from the photo.",
                                  parameters: ["com.echt.backdrop": look.backdrop.kind.rawValue,
                                               "com.echt.generatedShare": String(format: "%.4f", generatedShare)],
                                  digitalSourceType: EditAction.algorithmicMedia))
        return actions
    }
}
