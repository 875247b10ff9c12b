raise ImportError("vendor_heavy needs the native libvendor, which is not installed here")
