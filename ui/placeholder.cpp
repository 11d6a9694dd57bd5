// Removed once the UI exists.
namespace Car { void uiPlaceholder() {} }
