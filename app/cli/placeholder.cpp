// Removed once the CLI commands exist.
namespace Car { void cliPlaceholder() {} }
