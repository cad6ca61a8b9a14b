/** The dependency fields a manager installs for a workspace (peers are provided, not installed by it). */
export const INSTALLED_FIELDS = ["dependencies", "devDependencies", "optionalDependencies"] as const;
