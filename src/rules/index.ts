/** The rule registry: an explicit list, checked against the files on disk by a test. */
import type { Rule } from "../review/rule.js";
import { rule as agentConfigWrite } from "./agent-config-write.js";
import { rule as annotationContradicted } from "./annotation-contradicted.js";
import { rule as binaryAdded } from "./binary-added.js";
import { rule as capabilityAdded } from "./capability-added.js";
import { rule as dangerousCommand } from "./dangerous-command.js";
import { rule as geoOrTimeGate } from "./geo-or-time-gate.js";
import { rule as hiddenRecipient } from "./hidden-recipient.js";
import { rule as hiddenUnicode } from "./hidden-unicode.js";
import { rule as installScript } from "./install-script.js";
import { rule as knownMalicious } from "./known-malicious.js";
import { rule as manifestChange } from "./manifest-change.js";
import { rule as massDeletion } from "./mass-deletion.js";
import { rule as newDependency } from "./new-dependency.js";
import { rule as newEndpoint } from "./new-endpoint.js";
import { rule as obfuscation } from "./obfuscation.js";
import { rule as publisherChange } from "./publisher-change.js";
import { rule as secretAccess } from "./secret-access.js";
import { rule as secretSent } from "./secret-sent.js";
import { rule as selfPublish } from "./self-publish.js";
import { rule as shrinkwrapSources } from "./shrinkwrap-sources.js";
import { rule as toolPoisoning } from "./tool-poisoning.js";
import { rule as toolSurface } from "./tool-surface.js";
import { rule as trustDowngrade } from "./trust-downgrade.js";
import { rule as unreviewable } from "./unreviewable.js";

export const RULES: readonly Rule[] = [
  knownMalicious,
  trustDowngrade,
  publisherChange,
  hiddenRecipient,
  newEndpoint,
  installScript,
  newDependency,
  capabilityAdded,
  dangerousCommand,
  secretAccess,
  secretSent,
  obfuscation,
  hiddenUnicode,
  binaryAdded,
  manifestChange,
  massDeletion,
  geoOrTimeGate,
  toolSurface,
  toolPoisoning,
  annotationContradicted,
  agentConfigWrite,
  selfPublish,
  shrinkwrapSources,
  unreviewable,
];
