import KKPCore

/// The `meta.k8s.io` `Table` of clusters that `kubectl get clusters` prints: Name, HumanReadableName, Version,
/// Projection (`on` or `off`: the effective `spec.serviceAccount.tokenVolumeProjectionEnabled`) and Age.
enum ClusterTable {
    /// The column definitions.
    static let columns: [JSONValue] = [
        column("Name", format: "name", "The cluster id (metadata.name); unique, and the {cluster_id} of KKP's REST API."),
        column("HumanReadableName", "The cluster's name as users see it (spec.humanReadableName, the REST API's name)."),
        column("Version", "The Kubernetes version of the control plane (spec.version)."),
        column("Projection", "Whether service account token volume projection is on (spec.serviceAccount.tokenVolumeProjectionEnabled)."),
        column(
            "Age", type: "date",
            "CreationTimestamp is a timestamp representing the server time when this object was created, shown as the time since."),
    ]

    private static func column(_ name: String, type: String = "string", format: String = "", _ description: String) -> JSONValue {
        [
            "name": .string(name), "type": .string(type), "format": .string(format), "description": .string(description),
            "priority": 0,
        ]
    }

    /// What a row carries besides its cells (the `includeObject` query parameter).
    enum RowObject: String {
        /// Nothing.
        case none = "None"
        /// A `PartialObjectMetadata` with the resource's metadata (the default).
        case metadata = "Metadata"
        /// The whole resource.
        case object = "Object"
    }

    /// A table of resources.
    /// - Parameters:
    ///   - version: the `meta.k8s.io` version asked for (`v1` or `v1beta1`).
    ///   - resources: the Cluster resources, one row each.
    ///   - resourceVersion: the list's resource version.
    ///   - now: the time ages are computed at, in seconds since the epoch.
    static func table(version: String, resources: [JSONObject], resourceVersion: String, now: Int64, rowObject: RowObject) -> JSONObject {
        let rows = resources.map { resource -> JSONValue in
            var row: JSONObject = ["cells": .array(cells(of: resource, now: now))]
            switch rowObject {
            case .none: break
            case .metadata:
                row["object"] = [
                    "kind": "PartialObjectMetadata", "apiVersion": .string("meta.k8s.io/\(version)"),
                    "metadata": resource["metadata"] ?? [:],
                ]
            case .object: row["object"] = .object(resource)
            }
            return .object(row)
        }
        return [
            "kind": "Table", "apiVersion": .string("meta.k8s.io/\(version)"),
            "metadata": ["resourceVersion": .string(resourceVersion)],
            "columnDefinitions": .array(columns), "rows": .array(rows),
        ]
    }

    /// The cells of one resource.
    static func cells(of resource: JSONObject, now: Int64) -> [JSONValue] {
        let created = resource.value(at: ["metadata", "creationTimestamp"])?.stringValue.flatMap(Timestamp.seconds(rfc3339:))
        let projection = resource.value(at: ["spec", "serviceAccount", "tokenVolumeProjectionEnabled"])?.boolValue == true
        return [
            resource.value(at: ["metadata", "name"]) ?? "",
            resource.value(at: ["spec", "humanReadableName"]) ?? "",
            resource.value(at: ["spec", "version"]) ?? "",
            .string(projection ? "on" : "off"),
            .string(created.map { HumanDuration.text(seconds: now - $0) } ?? "<unknown>"),
        ]
    }
}
