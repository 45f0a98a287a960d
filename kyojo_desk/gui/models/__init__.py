"""Table models (QAbstractTableModel subclasses), tested through data()."""
