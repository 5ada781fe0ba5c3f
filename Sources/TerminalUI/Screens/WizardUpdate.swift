import AviAPI
import Console
import Foundation

/// The wizard's only place of change: a key or an I/O result in, the new state and the I/O to
/// do out. Esc goes back one step (and closes from step 1); nothing is sent before the cluster
/// name is typed at step 6; after that there is no going back, only on to the audit.
public enum RotationWizardUpdate {
    public static func update(_ state: RotationWizardState, key: Key, now: Date) -> (RotationWizardState, [RotationWizardCommand]) {
        var next = state
        next.message = nil
        switch state.phase {
        case .loading:
            if key == .escape { next.phase = .closed; return (next, [.close]) }
            return (next, [])
        case .unavailable, .closed:
            if key == .escape || key == .enter || key == .character("q") { next.phase = .closed; return (next, [.close]) }
            return (next, [])
        case .running:
            break
        }
        guard var flow = state.flow else { return (next, []) }
        if state.busy != nil {
            let watching = (flow.step == .verify && flow.verification == nil) || state.busy?.hasPrefix("rolling back") == true
                || state.busy?.hasPrefix("verify only") == true
            if watching, key == .escape {
                next.stopWatching = true
                next.message = "stopping the watch — the change stays applied; the mappings can be watched on the Secure channel screen"
                return (next, [])
            }
            if state.stopWatching { next.message = state.message; return (next, []) }
            next.message = "\(state.busy ?? "working") — wait for it to finish" + (flow.step == .verify && flow.verification == nil ? " (Esc stops watching the mappings)" : "")
            return (next, [])
        }
        if flow.isFinished || flow.isCancelled {
            return finishedKey(next, flow: flow, key: key)
        }
        if state.verifyOnly != nil, flow.step == .current {
            // The verify-only result is on screen: any key returns to step 1.
            next.verifyOnly = nil
            return (next, [])
        }
        if flow.step == .choose, state.searching {
            switch key {
            case .enter, .escape: next.searching = false
            default: next.search = edit(state.search, key: key); next.selection = 0
            }
            return (next, [])
        }
        if flow.step == .choose, let form = state.signingForm {
            return signingKey(next, form: form, key: key)
        }
        if key == .escape {
            if state.importing {
                next.importing = false
                return (next, [])
            }
            if flow.step == .mustChecks, state.overriding {
                next.overriding = false
                next.input = ""
                return (next, [])
            }
            let backToImport = flow.step == .validate && flow.target?.isImport == true
            if flow.step == .current {
                flow.handle(.cancel)
                next.flow = flow
                next.phase = .closed
                return (next, [.close])
            }
            flow.handle(.back)
            next.flow = flow
            next.importing = backToImport && flow.step == .choose  // the form, fields kept
            next.input = ""
            next.scroll = 0
            next.message = flow.notice
            return (next, [])
        }
        switch flow.step {
        case .current:
            if key == .enter { flow.handle(.next) }
            if key == .character("v") {
                next.busy = "verify only: watching the secure-channel mappings for six heartbeats; nothing is changed · Esc stops watching"
                next.stopWatching = false
                next.watchProgress = nil
                return (next, [.verifyOnly])
            }
        case .choose:
            if state.importing { return importKey(next, key: key) }
            return chooseKey(next, flow: flow, key: key, now: now)
        case .validate:
            if key == .enter { flow.handle(.next) }
        case .mustChecks:
            if flow.context.mustChecks.allPassed || flow.overrideConfirmed {
                if key == .enter { flow.handle(.next) }
            } else if !state.overriding {
                if key == .character("o") { next.overriding = true } else if key == .enter { flow.handle(.next) }
            } else if key == .enter {
                flow.handle(.overrideMustChecks(typed: state.input))
                next.input = ""
                if flow.notice == nil {
                    next.overriding = false
                    flow.handle(.next)
                }
            } else {
                next.input = edit(state.input, key: key)
            }
        case .plan:
            switch key {
            case .down, .character("j"): next.scroll += 1
            case .up, .character("k"): next.scroll = max(0, state.scroll - 1)
            // Pages, not lines: the view clamps to the last page.
            case .pageDown, .character(" "): next.scroll += pageSize
            case .pageUp: next.scroll = max(0, state.scroll - pageSize)
            case .home: next.scroll = 0
            case .character("b"): next.showBodies.toggle(); next.scroll = 0
            case .enter: flow.handle(.next); next.scroll = 0
            default: break
            }
        case .confirm:
            if key == .enter {
                let effect = flow.handle(.confirm(typed: state.input))
                next.input = ""
                next.flow = flow
                next.message = flow.notice
                if case let .apply(plan)? = effect {
                    next.busy = "applying the change"
                    return (next, [.apply(plan)])
                }
                return (next, [])
            }
            next.input = edit(state.input, key: key)
        case .verify, .audit:
            break
        }
        next.flow = flow
        next.message = flow.notice
        return (next, [])
    }

    /// Rows a page of step 5 moves (the view shows about this many at 80x24).
    static let pageSize = 15

    public static func receive(_ state: RotationWizardState, _ result: RotationWizardResult, now: Date) -> (RotationWizardState, [RotationWizardCommand]) {
        var next = state
        switch result {
        case let .loaded(context):
            do {
                next.flow = try RotationFlow.start(context: context, now: now, dryRun: false)
                next.phase = .running
                // Step 2's list, computed once per reading (not per key).
                next.candidateList = context.candidates(now: now)
            } catch {
                next.phase = .unavailable("\(error)")
            }
            return (next, [])
        case let .rolledBack(run):
            next.rollback = run
            next.watchProgress = nil
            if let entry = run.auditEntry {
                next.busy = "recording the rollback in the audit log"
                return (next, [.writeRollbackAudit(entry)])
            }
            next.busy = nil
            return (next, [])
        case let .rollbackAudited(path, error):
            next.busy = nil
            next.rollbackAuditPath = path
            next.rollbackAuditError = error
            return (next, [])
        case let .verifiedOnly(result):
            next.busy = nil
            next.stopWatching = false
            next.verifyOnly = result
            return (next, [])
        case let .verifyOnlyFailed(message):
            next.busy = nil
            next.message = message
            return (next, [])
        case let .signing(lines, context):
            next.busy = nil
            next.signingNote = lines
            next.signingForm = nil
            if let context, var flow = state.flow, flow.step == .choose {
                // A new or completed object: read again, so it is in the list (and usable once completed).
                let fresh = RotationFlow(context: context, now: now, dryRun: false)
                flow = fresh
                flow.handle(.next)
                next.flow = flow
                next.candidateList = context.candidates(now: now)
                next.selection = 0
            }
            return (next, [])
        case let .loadFailed(message):
            next.phase = .unavailable(message)
            return (next, [])
        case let .importFailed(message):
            next.busy = nil
            next.message = message
            return (next, [])
        case let .importRead(material):
            next.busy = nil
            guard var flow = state.flow else { return (next, []) }
            flow.handle(.choose(.importing(material)))
            next.flow = flow
            next.importing = false
            next.form[.passphrase] = ""  // not kept longer than needed
            return (next, [])
        case let .applied(outcome):
            guard var flow = state.flow else { return (next, []) }
            let effect = flow.handle(.applied(outcome))
            next.flow = flow
            return follow(next, effect: effect, plan: flow.plan)
        case let .verified(report):
            guard var flow = state.flow else { return (next, []) }
            let effect = flow.handle(.verified(report))
            next.flow = flow
            next.message = nil  // a "wait" said during the watch is stale now
            return follow(next, effect: effect, plan: flow.plan)
        case let .audited(path, error):
            guard var flow = state.flow else { return (next, []) }
            flow.handle(.audited(error: error))
            next.flow = flow
            next.busy = nil
            next.message = nil
            next.auditPath = path
            next.auditError = error
            return (next, [])
        }
    }

    private static func follow(_ state: RotationWizardState, effect: RotationEffect?, plan: RotationPlan?) -> (RotationWizardState, [RotationWizardCommand]) {
        var next = state
        switch effect {
        case let .verify(outcome)?:
            guard let plan else { break }
            next.busy = "verifying: reading back and watching the secure-channel mappings · Esc stops watching"
            return (next, [.verify(outcome, plan)])
        case let .writeAudit(entry)?:
            next.busy = "recording the change in the audit log"
            return (next, [.writeAudit(entry)])
        default:
            break
        }
        next.busy = nil
        return (next, [])
    }

    /// Step 8: Enter/Esc close; after a failed verification, r then the cluster name rolls back.
    private static func finishedKey(_ state: RotationWizardState, flow: RotationFlow, key: Key) -> (RotationWizardState, [RotationWizardCommand]) {
        var next = state
        if state.confirmingRollback {
            switch key {
            case .escape:
                next.confirmingRollback = false
                next.input = ""
            case .enter:
                guard state.input == flow.context.clusterName else {
                    next.message = "'\(SafeText.sanitize(state.input))' is not the cluster name '\(SafeText.sanitize(flow.context.clusterName))' — nothing was sent"
                    next.input = ""
                    return (next, [])
                }
                next.confirmingRollback = false
                next.input = ""
                guard let plan = flow.plan else { return (next, []) }
                next.busy = "rolling back to \(plan.rollbackTarget): applying, then watching the mappings · Esc stops watching"
                next.stopWatching = false
                next.watchProgress = nil
                return (next, [.rollback(plan, appliedRef: flow.outcome?.newRef)])
            default:
                next.input = edit(state.input, key: key)
            }
            return (next, [])
        }
        if key == .character("r"), state.rollbackOffered {
            next.confirmingRollback = true
            next.input = ""
            return (next, [])
        }
        if key == .escape || key == .enter || key == .character("q") { next.phase = .closed; return (next, [.close]) }
        return (next, [])
    }

    /// The CSR forms of step 2: Tab between fields, Enter sends, Esc back to the list.
    private static func signingKey(_ state: RotationWizardState, form: WizardSigningForm, key: Key) -> (RotationWizardState, [RotationWizardCommand]) {
        var next = state
        var form = form
        let fields = form.fields
        let index = fields.firstIndex(of: form.focus) ?? 0
        switch key {
        case .escape:
            next.signingForm = nil
            return (next, [])
        case .tab, .down: form.focus = fields[(index + 1) % fields.count]
        case .backTab, .up: form.focus = fields[(index + fields.count - 1) % fields.count]
        case .enter:
            switch form.kind {
            case .create:
                guard !form[.first].isEmpty, !form[.second].isEmpty else {
                    next.message = "give the new object's name and the subject"
                    return (next, [])
                }
                next.busy = "asking the controller to make the key and the CSR"
                return (next, [.createSigningRequest(name: form[.first], subject: form[.second], saveTo: form[.third])])
            case let .complete(name):
                guard !form[.first].isEmpty else {
                    next.message = "give the CA-signed certificate file"
                    return (next, [])
                }
                next.busy = "checking the certificate against the CSR, then attaching it to \(name)"
                return (next, [.completeSigningRequest(name: name, certificatePath: form[.first], chainPath: form[.second])])
            }
        default:
            form[form.focus] = edit(form[form.focus], key: key)
        }
        next.signingForm = form
        return (next, [])
    }

    private static func chooseKey(_ state: RotationWizardState, flow: RotationFlow, key: Key, now: Date) -> (RotationWizardState, [RotationWizardCommand]) {
        var next = state
        var flow = flow
        let candidates = state.candidates(now: now)
        let extras = RotationWizardState.ExtraRow.allCases.count
        let rows = candidates.count + extras
        switch key {
        case .down, .character("j"): next.selection = min(rows - 1, state.selection + 1)
        case .up, .character("k"): next.selection = max(0, state.selection - 1)
        case .home: next.selection = 0
        case .end: next.selection = rows - 1
        case .pageDown: next.selection = min(rows - 1, state.selection + 10)
        case .pageUp: next.selection = max(0, state.selection - 10)
        case .character("i"): next.importing = true
        case .character("c"): next.signingForm = WizardSigningForm(kind: .create)
        case .character("/"):
            next.searching = true
        case .enter:
            let extra = RotationWizardState.ExtraRow(rawValue: state.selection)
            if extra == nil, state.selection - extras < candidates.count, state.selection >= extras {
                let candidate = candidates[state.selection - extras]
                if candidate.certificate.status == "SSL_CERTIFICATE_PENDING" {
                    // A CSR waiting for its certificate: complete it now.
                    next.signingForm = WizardSigningForm(kind: .complete(name: candidate.name))
                    return (next, [])
                }
                guard candidate.isUsable else {
                    next.message = "\(candidate.name): " + candidate.problems.joined(separator: "; ")
                    return (next, [])
                }
                flow.handle(.choose(.existing(candidate.certificate)))
            } else if extra == .importFiles {
                next.importing = true
            } else if extra == .signingRequest {
                next.signingForm = WizardSigningForm(kind: .create)
            } else if let problem = state.returnToDefaultProblem {
                next.message = "return to the default: \(problem)"
            } else if let systemDefault = flow.context.systemDefault {
                flow.handle(.choose(.systemDefault(systemDefault)))
            }
        default:
            break
        }
        next.flow = flow
        if next.message == nil { next.message = flow.notice }
        return (next, [])
    }

    private static func importKey(_ state: RotationWizardState, key: Key) -> (RotationWizardState, [RotationWizardCommand]) {
        var next = state
        let fields = WizardImportForm.Field.allCases
        switch key {
        case .tab, .down:
            next.form.focus = fields[(state.form.focus.rawValue + 1) % fields.count]
        case .backTab, .up:
            next.form.focus = fields[(state.form.focus.rawValue + fields.count - 1) % fields.count]
        case .enter:
            guard !state.form[.certificate].isEmpty, !state.form[.key].isEmpty else {
                next.message = "give at least the certificate and the key files"
                return (next, [])
            }
            next.busy = "reading the PEM files"
            return (next, [.readImport(state.form)])
        default:
            next.form[state.form.focus] = edit(state.form[state.form.focus], key: key)
        }
        return (next, [])
    }

    /// Line editing for typed input: characters append, Backspace removes, Ctrl-U clears.
    static func edit(_ text: String, key: Key) -> String {
        switch key {
        case let .character(character): return text.count < 512 ? text + String(character) : text
        case .backspace: return String(text.dropLast())
        case .control("u"): return ""
        default: return text
        }
    }
}
