/// The rules of every cluster write, as pure functions: merge, protect read-only fields, check types and versions,
/// default, order.
///
/// Every write path (create, REST PATCH, Kubernetes-view PATCH) goes through ``patch(_:stored:)`` or
/// ``admit(_:)``, so they behave the same. Messages follow KKP's wording.
public struct ClusterPolicy: Sendable {
    /// The supported versions and the upgrade rule.
    public var catalog: VersionCatalog
    /// Whether unknown fields are a 400 rather than dropped with a warning. The default is `false`.
    public var strict: Bool

    /// A policy over a version catalog.
    public init(catalog: VersionCatalog, strict: Bool = false) {
        self.catalog = catalog
        self.strict = strict
    }

    /// Applies a merge patch to a stored cluster and returns the documents to store.
    ///
    /// - Parameters:
    ///   - patch: the parsed body; it must be a JSON object.
    ///   - stored: the cluster as stored now.
    /// - Throws: `APIError` 400 when the patch is not an object, a field has the wrong type, the version is not a
    ///   semantic version or not a permitted update, or the datacenter or provider changes.
    public func patch(_ patch: JSONValue, stored: ClusterDocuments) throws(APIError) -> ClusterWrite {
        switch patch {
        case .object: break
        case .array:
            throw APIError.badRequest(
                "cannot decode patched cluster: json: cannot unmarshal array into Go value of type v1.Cluster"
            )
        default:
            throw APIError.badRequest(
                "cannot patch cluster: Invalid JSON Patch",
                details: ["a merge patch of a cluster must be a JSON object, not \(patch.typeName)"]
            )
        }
        var intent = MergePatch.apply(patch, to: .object(stored.intent)).objectValue ?? JSONObject()
        var warnings: [String] = []
        for path in ClusterSchema.readOnlyPaths {
            let storedValue = stored.intent.value(at: path)
            if let proposed = patch.objectValue?.value(at: path), proposed != stored.effective.value(at: path) {
                warnings.append("\(path.joined(separator: ".")) is read-only: the change was ignored")
            }
            intent.setValue(storedValue, at: path)
        }
        let write = try admit(intent, previous: stored)
        return ClusterWrite(documents: write.documents, warnings: warnings + write.warnings)
    }

    /// Checks an intent, canonicalizes its version and computes its effective document.
    ///
    /// - Parameters:
    ///   - intent: the intent to store, `null` members allowed (they are removed).
    ///   - previous: the stored documents when this is an update; enables the update rules.
    /// - Throws: `APIError` 400 as ``patch(_:stored:)`` describes.
    public func admit(_ intent: JSONObject, previous: ClusterDocuments? = nil) throws(APIError) -> ClusterWrite {
        var intent = intent.removingNulls()
        var warnings: [String] = []
        let (known, unknown) = ClusterSchema.cluster.removingUnknownMembers(.object(intent))
        if !unknown.isEmpty {
            if strict {
                let name = unknown[0].split(separator: ".").last.map(String.init) ?? unknown[0]
                throw APIError.badRequest(
                    "cannot decode patched cluster: json: unknown field \(quoted(name))",
                    details: unknown.map { "unknown field \(quoted($0))" }
                )
            }
            warnings += unknown.map { "unknown field \(quoted($0)) was dropped" }
            intent = known.objectValue ?? intent
        }
        if let mismatch = ClusterSchema.cluster.firstMismatch(in: .object(intent), path: "") {
            throw APIError.badRequest("cannot decode patched cluster: " + mismatch.message(root: "Cluster"))
        }
        guard let name = intent["name"]?.stringValue, !name.isEmpty else {
            throw APIError.badRequest("invalid cluster: no name specified")
        }
        _ = name
        guard let versionText = intent.value(at: ["spec", "version"])?.stringValue else {
            throw APIError.badRequest("invalid cluster: invalid cloud spec \"Version\" is required but was not specified")
        }
        guard let version = SemanticVersion(parsing: versionText) else {
            throw APIError.badRequest(
                "cannot decode patched cluster: Invalid Semantic Version",
                details: ["spec.version: \(quoted(versionText)) is not a semantic version"]
            )
        }
        intent.setValue(.string(version.description), at: ["spec", "version"])
        if let previous {
            try checkUpdate(from: previous.intent, to: intent, version: version)
        }
        let (effective, defaultingWarnings) = effectiveDocument(of: intent, version: version)
        return ClusterWrite(documents: ClusterDocuments(intent: intent, effective: effective), warnings: warnings + defaultingWarnings)
    }

    /// The rules of ValidateUpdateCluster that kkp-mock keeps: same datacenter, same provider, and a permitted version.
    private func checkUpdate(from old: JSONObject, to new: JSONObject, version: SemanticVersion) throws(APIError) {
        let oldCloud = old.value(at: ["spec", "cloud"])?.objectValue ?? JSONObject()
        let newCloud = new.value(at: ["spec", "cloud"])?.objectValue ?? JSONObject()
        if oldCloud["dc"] != newCloud["dc"] {
            throw APIError.badRequest("invalid cluster: changing the datacenter is not allowed")
        }
        if oldCloud.keys != newCloud.keys, Set(oldCloud.keys).subtracting(["dc"]) != Set(newCloud.keys).subtracting(["dc"]) {
            throw APIError.badRequest("invalid cluster: not allowed to change the cloud provider")
        }
        let oldVersion = old.value(at: ["spec", "version"])?.stringValue.flatMap(SemanticVersion.init(parsing:))
        guard let oldVersion, oldVersion != version else { return }
        let allowed = catalog.possibleUpdates(from: oldVersion)
        if !allowed.contains(version) {
            // Kubernetes' field.NotSupported: the list of supported values only when there is one.
            let supported = allowed.isEmpty ? "" : ": supported values: " + allowed.map { quoted($0.description) }.joined(separator: ", ")
            throw APIError.badRequest("invalid cluster: spec.version: Unsupported value: \(quoted(version.description))" + supported)
        }
    }

    /// The effective document: defaults applied, `status.version` following `spec.version`, canonical order.
    private func effectiveDocument(of intent: JSONObject, version: SemanticVersion) -> (JSONObject, [String]) {
        var effective = intent
        let url = intent.value(at: ["status", "url"])?.stringValue ?? ""
        let (settings, warnings) = ServiceAccountDefaulting.effective(
            intent: intent.value(at: ["spec", "serviceAccount"])?.objectValue,
            version: version,
            apiServerURL: url
        )
        effective.setValue(.object(settings), at: ["spec", "serviceAccount"])
        if effective.value(at: ["spec", "oidc"]) == nil { effective.setValue(.object(JSONObject()), at: ["spec", "oidc"]) }
        if effective.value(at: ["spec", "enableUserSSHKeyAgent"]) == nil {
            effective.setValue(.bool(false), at: ["spec", "enableUserSSHKeyAgent"])
        }
        effective.setValue(.string(version.description), at: ["status", "version"])
        effective.setValue(.string(url), at: ["status", "url"])
        let ordered = ClusterSchema.cluster.canonicallyOrdered(.object(effective)).objectValue ?? effective
        return (ordered, warnings)
    }
}

/// `text` in double quotes with `"` and `\` escaped, as Go's `%q` writes printable text.
public func quoted(_ text: String) -> String {
    var result = "\""
    for character in text.unicodeScalars {
        switch character {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\t": result += "\\t"
        case "\r": result += "\\r"
        default:
            if character.value < 0x20 || character.value == 0x7F {
                result += "\\x" + String(character.value, radix: 16).leftPadded(to: 2)
            } else {
                result.unicodeScalars.append(character)
            }
        }
    }
    return result + "\""
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
