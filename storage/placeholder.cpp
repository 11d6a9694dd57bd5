// Removed once the store exists.
namespace Car { void storagePlaceholder() {} }
